package io.rslc.internal.warehouse;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.PlannedStatement;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.TableName;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.archive.ArchiveStores;
import io.rslc.internal.archive.Column;
import io.rslc.internal.archive.SliceArchiver;
import io.rslc.internal.archive.SliceEnds;
import io.rslc.internal.archive.WarehouseReadException;
import io.rslc.internal.plan.ArchiveLayout;
import io.rslc.internal.sql.PostgresSql;
import io.rslc.internal.sql.Scan;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.sql.WarehouseSql;
import io.rslc.spi.ArchiveStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL as a warehouse. It has no UNLOAD, so a slice is archived client-side: its SELECT is streamed
 * through a server-side cursor (fetch size, constant memory) into the rule's file format, inside the slice's
 * REPEATABLE READ transaction, so the files hold exactly the rows the DELETE then removes. Run locks are
 * session-level advisory locks keyed by the table name.
 */
public final class PostgresWarehouse implements Warehouse {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresWarehouse.class);
    private static final String SESSION = "postgresql/session.sql";
    private static final int FETCH_SIZE = 10_000;
    /**
     * Bytes the open files of slices interleaved in the heap may hold together for a batch to be read in heap order
     * (each buffers its slice's rows, encoded, until the slice's last row, besides its own buffers), at most a
     * quarter of the JVM's heap: else the batch is sorted.
     */
    static final long HEAP_ORDER_BYTES = 256L << 20;
    /** Buffers of one open Parquet file besides its rows (measured: about 20 KiB a column plus 64 KiB). */
    static final long OPEN_FILE_BYTES_PER_COLUMN = 20L << 10;
    static final long OPEN_FILE_BYTES = 64L << 10;

    private final PostgresSql sql = new PostgresSql();
    private final Function<ArchiveLocation, ArchiveStore> stores;

    /**
     * @param stores opens the archive store of a rule's location (local folders, or S3 with a configured client)
     */
    public PostgresWarehouse(Function<ArchiveLocation, ArchiveStore> stores) {
        this.stores = stores;
    }

    /** A warehouse whose archives are local folders (an s3:// location fails its table with a clear error). */
    public static PostgresWarehouse localArchives() {
        return new PostgresWarehouse(location -> ArchiveStores.open(location, null));
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public WarehouseSql sql() {
        return sql;
    }

    @Override
    public int sliceIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public void configureSession(Connection c, SessionSettings settings) throws SQLException {
        AutoCommit.configureSession(c, SESSION, SqlDialect.POSTGRESQL, settings);
    }

    @Override
    public boolean isSerializationFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public PlannedTransaction plan(Connection c, Rule rule, List<SlicePlan> plans, boolean batched)
            throws SQLException {
        if (!batched) {
            return new PlannedTransaction(sql.transaction(rule, plans, Scan.ONE_SLICE), Scan.ONE_SLICE, null, false);
        }
        if (!rule.mode().archives()) {
            Scan none = new Scan(Scan.Read.NONE, Scan.Order.ANY);
            return new PlannedTransaction(sql.transaction(rule, plans, none), none, null, true);
        }
        // Parquet files hold their pages until they complete: by default a slice's files complete with the rows
        // planning counted (rows that came since only add a part). CSV files hold 64 KB; completing them early
        // only moved their fsyncs into the COPY, which then took 0.5-1 s longer (2 cores).
        boolean csv = SliceArchiver.routableCsv(rule.unload());
        SliceEnds ends = csv ? SliceEnds.unknown() : SliceEnds.atRowCount(plans.stream().collect(
                java.util.stream.Collectors.toMap(p -> p.slice().start(), SlicePlan::rows, (a, b) -> a)));
        Scan.Read read = csv ? Scan.Read.COPY_CSV
                : SliceArchiver.readsTuples(rule.unload()) ? Scan.Read.COPY_BINARY : Scan.Read.SELECT_ROUTED;
        Scan.Order order = Scan.Order.ANY;
        if (c != null) {
            boolean binary = binarySafe(c, rule);
            if (read == Scan.Read.COPY_BINARY && !binary) {
                read = Scan.Read.SELECT_ROUTED;
            } else if (read == Scan.Read.SELECT_ROUTED && binary) {
                read = Scan.Read.SELECT_ROUTED_BINARY;
            }
            // More slices (or partition folders) than each writer keeps files open: the rows must come slice after
            // slice, or rows interleaved across days would make one small file per run of rows. An index on the
            // date column gives that order without a sort; else heap order does it when few slices interleave in
            // the heap (append-only tables), each slice's files completing with its last row; else PostgreSQL
            // sorts. Fewer folders: any order is fine.
            ArchiveStore store = stores.apply(rule.unload().location());
            int openFiles = SliceArchiver.openFiles(rule.unload(), store);
            long folders = folders(rule, plans.size());
            if (folders > openFiles) {
                LocalDate from = plans.get(0).slice().start();
                LocalDate to = plans.get(plans.size() - 1).slice().end();
                Map<LocalDate, Long> heapOrder = folders != plans.size() || dateIndexed(c, rule) ? null
                        : heapOrderCounts(c, rule, from, to,
                                SliceArchiver.openFilesCounted(rule.unload(), store) / 2);
                order = heapOrder == null ? Scan.Order.SORTED : Scan.Order.HEAP;
                if (!csv) { // CSV files hold small buffers: see above
                    ends = heapOrder == null ? SliceEnds.atNextSlice() : SliceEnds.atRowCount(heapOrder);
                }
            }
        }
        Scan scan = new Scan(read, order);
        return new PlannedTransaction(sql.transaction(rule, plans, scan), scan, ends, true);
    }

    @Override
    public Map<LocalDate, ArchivedSlice> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                 Function<LocalDate, Integer> generationOf) throws SQLException {
        ArchiveStore store = stores.apply(rule.unload().location());
        String read = tx.sql(PlannedStatement.Role.ARCHIVE);
        List<SlicePlan> plans = tx.plan().slices();
        if (!tx.batched()) {
            Slice slice = plans.get(0).slice();
            int generation = plans.get(0).generation();
            String folder = ArchiveLayout.attemptFolder(slice, generation);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = st.executeQuery(read)) {
                    ArchiveResult result = new SliceArchiver().write(rows, rule.unload(), store, folder);
                    return Map.of(slice.start(), new ArchivedSlice(result.rows(), result.files().size(),
                            result.bytes(), ArchiveLayout.attempt(rule.unload().location(), slice, generation).root()));
                }
            }
        }
        LocalDate from = plans.get(0).slice().start();
        LocalDate to = plans.get(plans.size() - 1).slice().end();
        Function<LocalDate, String> folderOf = start -> {
            // Before any folder is cleaned: a row whose slice lies outside this batch would be archived under a
            // slice another batch owns (whose planned generation then no longer matches the journal), and that
            // batch would clean the folder. A timestamptz row in a repeated local midnight can do it (its local
            // date is one day later than the range predicate's). Refuse: the batch rolls back, nothing is lost.
            if ((from != null && start.isBefore(from)) || !start.isBefore(to)) {
                throw new RslcException(RslcException.ErrorCode.ARCHIVE, "a row of the range ["
                        + from + ", " + to + ") belongs to slice " + start + " by its local date, outside the range "
                        + "(a timestamptz value in a repeated local midnight?); rolled back. Run this table with "
                        + "--batch-rows 0 or a session time zone without midnight DST changes (UTC).");
            }
            return ArchiveLayout.attemptFolder(Slice.containing(rule.granularity(), start), generationOf.apply(start));
        };
        List<LocalDate> planned = plans.stream().map(p -> p.slice().start()).toList();
        Map<LocalDate, ArchiveResult> results = switch (tx.scan().read()) {
            case COPY_CSV -> copyCsv(c, rule, read, tx.ends(), store, folderOf, planned);
            case COPY_BINARY -> copyTuples(c, rule, read, tx.ends(), store, folderOf, planned);
            case SELECT_ROUTED, SELECT_ROUTED_BINARY -> selectRouted(c, rule, read,
                    tx.scan().read() == Scan.Read.SELECT_ROUTED_BINARY, tx.ends(), store, folderOf, planned);
            default -> throw new IllegalStateException("batch read " + tx.scan().read());
        };
        Map<LocalDate, ArchivedSlice> out = new LinkedHashMap<>();
        results.forEach((start, r) -> out.put(start, new ArchivedSlice(r.rows(), r.files().size(), r.bytes(),
                rule.unload().location().resolve(folderOf.apply(start)).root())));
        return out;
    }

    /** True if every column of the table reads the same through binary transfer as through text. */
    private boolean binarySafe(Connection c, Rule rule) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet none = st.executeQuery(sql.slices().columns(rule).sql())) {
            return binarySafe(none.getMetaData());
        }
    }

    /** The table's columns, as the archive's files name and type them. */
    private List<Column> columns(Connection c, Rule rule) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet none = st.executeQuery(sql.slices().columns(rule).sql())) {
            return Column.describe(none.getMetaData());
        }
    }

    /**
     * Rows read through JDBC and encoded by rslc: in binary transfer (less parsing on both sides), or in text
     * (one-shot, never server-prepared) where a column would not read unchanged through it.
     */
    private Map<LocalDate, ArchiveResult> selectRouted(Connection c, Rule rule, String select, boolean binary,
                                                       SliceEnds ends,
                                                       ArchiveStore store, Function<LocalDate, String> folderOf,
                                                       List<LocalDate> planned) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(select)) {
            st.setFetchSize(FETCH_SIZE);
            st.unwrap(PGStatement.class).setPrepareThreshold(binary ? -1 : 0);
            try (ResultSet rows = st.executeQuery()) {
                return new SliceArchiver().writeSlices(rows, rule.unload(), store, folderOf, planned, ends);
            }
        }
    }

    /**
     * Parquet rows as a binary COPY, encoded straight from its tuples: no {@code ResultSet} decoding, no boxed
     * values (on 2 cores the JVM, not the server, was the bottleneck of the Parquet backfill).
     */
    private Map<LocalDate, ArchiveResult> copyTuples(Connection c, Rule rule, String copySql, SliceEnds ends,
                                                     ArchiveStore store, Function<LocalDate, String> folderOf,
                                                     List<LocalDate> planned) throws SQLException {
        List<Column> columns;
        try (Statement st = c.createStatement(); ResultSet none = st.executeQuery(sql.slices().columns(rule).sql())) {
            if (!binarySafe(none.getMetaData())) { // retyped since planning: the planned COPY would misread it
                throw new RslcException(RslcException.ErrorCode.TABLE, rule.table() + " changed since it was "
                        + "planned (a column type binary transfer cannot read); rolled back, run it again");
            }
            columns = Column.describe(none.getMetaData());
        }
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        try {
            return new SliceArchiver().writeTupleSlices(() -> read(copy), rule.unload(), store, columns, folderOf,
                    planned, ends);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * PostgreSQL types whose values read the same through the driver's binary transfer as through text. Others
     * differ: {@code bytea} would read as a Java array's identity, {@code timetz} shifted to UTC, arrays and
     * geometric types re-spelled; a table with any of them is read as text.
     */
    private static final Set<String> BINARY_SAFE = Set.of("int2", "int4", "int8", "float4", "float8", "numeric",
            "bool", "date", "timestamp", "timestamptz", "text", "varchar", "bpchar", "name");

    static boolean binarySafe(ResultSetMetaData meta) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (!BINARY_SAFE.contains(meta.getColumnTypeName(i))) {
                return false;
            }
        }
        return true;
    }

    /** CSV rows encoded by PostgreSQL ({@code COPY ... TO STDOUT}) and copied byte for byte: several times faster. */
    private Map<LocalDate, ArchiveResult> copyCsv(Connection c, Rule rule, String copySql, SliceEnds ends,
                                                  ArchiveStore store, Function<LocalDate, String> folderOf,
                                                  List<LocalDate> planned) throws SQLException {
        List<Column> columns = columns(c, rule);
        int dateField = dateField(columns, rule.column());
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        try {
            return new SliceArchiver().writeEncodedCsvSlices(() -> read(copy), rule.unload(), store, columns,
                    dateField, rule.granularity(), folderOf, planned, ends);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The next CopyData message of a COPY TO STDOUT, or null at its end. */
    private static byte[] read(CopyOut copy) throws WarehouseReadException {
        try {
            return copy.readFromCopy();
        } catch (SQLException e) {
            throw new WarehouseReadException(e);
        }
    }

    /**
     * True if a B-tree index leads with the rule's date column: the batch is then read ordered by it (PostgreSQL
     * walks the index rather than sorting when that is cheaper), without first scanning the whole range to see
     * whether heap order would do (0.5 s of 5M rows on the benchmark's table).
     */
    private boolean dateIndexed(Connection c, Rule rule) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.dateIndex(rule))) {
            boolean indexed = rs.next() && rs.getBoolean(1);
            if (indexed) {
                LOG.debug("{}: {} leads a B-tree index: read ordered by it", rule.table(), rule.column());
            }
            return indexed;
        }
    }

    /**
     * Each slice's row count, if the table is a plain one without children and, in the batch's snapshot, at most
     * {@code maxInterleaved} slices' stretches of the heap overlap (see {@link HeapSpread}) and the open files of the
     * overlapping ones would hold at most {@link #HEAP_ORDER_BYTES} (their rows at the table's bytes per row, plus
     * each file's buffers); else null: the batch is sorted. Null too on servers before PostgreSQL 14, which cannot
     * take min/max of a ctid.
     */
    private Map<LocalDate, Long> heapOrderCounts(Connection c, Rule rule, LocalDate from, LocalDate to,
                                                 int maxInterleaved) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() < 14) {
            return null;
        }
        List<HeapSpread.Stretch> stretches = new ArrayList<>();
        Map<LocalDate, Long> counts = new LinkedHashMap<>();
        double rowBytes;
        long columns;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(sql.rowBytes(rule))) {
                if (!rs.next() || !rs.getBoolean(3)) {
                    LOG.debug("{}: not a plain table without children: sorted", rule.table());
                    return null;
                }
                rowBytes = rs.getDouble(1);
                columns = rs.getLong(2);
            }
            try (ResultSet rs = st.executeQuery(sql.sliceSpread(rule, from, to))) {
                while (rs.next()) {
                    long rows = rs.getLong(4);
                    stretches.add(new HeapSpread.Stretch(HeapSpread.tid(rs.getString(2)),
                            HeapSpread.tid(rs.getString(3)), rows));
                    counts.put(rs.getObject(1, LocalDate.class), rows);
                }
            }
        }
        HeapSpread.Overlap overlap = HeapSpread.overlap(stretches);
        double bytes = overlap.rows() * rowBytes
                + overlap.stretches() * (double) (columns * OPEN_FILE_BYTES_PER_COLUMN + OPEN_FILE_BYTES);
        boolean heapOrder = overlap.stretches() <= maxInterleaved
                && bytes <= Math.min(HEAP_ORDER_BYTES, Runtime.getRuntime().maxMemory() / 4);
        LOG.debug("{}: {} slice(s) in [{}, {}), at most {} interleaved in the heap with {} row(s) of ~{} bytes "
                + "(~{} MiB in open files): {}", rule.table(), stretches.size(), from, to, overlap.stretches(),
                overlap.rows(), Math.round(rowBytes), Math.round(bytes / (1 << 20)), heapOrder ? "heap order" : "sorted");
        return heapOrder ? counts : null;
    }

    /** The 0-based position of the rule's date column among the table's columns (as PostgreSQL names it). */
    private static int dateField(List<Column> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException("column " + column + " is not among " + columns.stream().map(Column::name)
                .toList());
    }

    /** Folders a batch writes into: one per slice, times the partitions per slice when partitioned. */
    private static long folders(Rule rule, int slices) {
        String partition = rule.unload().partitionColumn();
        if (partition == null) {
            return slices;
        }
        if (!partition.equals(rule.column())) {
            return Long.MAX_VALUE; // unknown: sort
        }
        return rule.granularity() == io.rslc.api.Granularity.DAILY ? slices : 31L * slices;
    }

    @Override
    public TableLock tryLock(Connection c, TableName table) throws SQLException {
        long key = lockKey(table);
        if (!queryBoolean(c, SqlTemplates.get(SESSION, "try_lock")
                .render(Map.of("key", SqlDialect.POSTGRESQL.literal(key))).sql())) {
            return null;
        }
        return () -> queryBoolean(c, SqlTemplates.get(SESSION, "unlock")
                .render(Map.of("key", SqlDialect.POSTGRESQL.literal(key))).sql());
    }

    @Override
    public MaintenanceOutcome maintain(Connection c, Rule rule, long rowsDeleted, List<String> planned)
            throws SQLException {
        AutoCommit.run(c, () -> {
            try (Statement st = c.createStatement()) {
                for (String s : planned) {
                    st.execute(s);
                }
            }
            return null;
        });
        return new MaintenanceOutcome(planned, rowsDeleted + " row(s) deleted -> " + String.join(", ", planned));
    }

    private static boolean queryBoolean(Connection c, String sql) throws SQLException {
        return AutoCommit.run(c, () -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** A stable 64-bit advisory lock key per table: the first 8 bytes of SHA-256("rslc" NUL schema NUL table). */
    static long lockKey(TableName table) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(
                    ("rslc\0" + table.schema() + "\0" + table.table()).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
