package io.rslc.internal.warehouse;

import io.rslc.api.PlannedStatement;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.archive.SliceArchiver;
import io.rslc.internal.archive.SliceEnds;
import io.rslc.internal.archive.WarehouseReadException;
import io.rslc.internal.archive.format.Column;
import io.rslc.internal.plan.ArchiveLayout;
import io.rslc.internal.sql.PostgresSql;
import io.rslc.internal.sql.Scan;
import io.rslc.spi.ArchiveStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyOut;

/**
 * Reads a planned transaction's rows out of PostgreSQL into the archive, in the form its {@link Scan} chose: a
 * result set through a server-side cursor (one slice, or a batch routed by its slice column, in text or binary
 * transfer), a binary COPY decoded straight into Parquet, or a CSV COPY copied byte for byte. All inside the
 * slice transaction, so the files hold exactly the rows its DELETE then removes.
 */
final class PostgresArchiveRead {

    private static final int FETCH_SIZE = 10_000;

    private final PostgresSql sql;

    PostgresArchiveRead(PostgresSql sql) {
        this.sql = sql;
    }

    /**
     * Runs the transaction's ARCHIVE statement and writes its rows into {@code store}: one slice's rows as a
     * plain result set, or a batch's in the form its plan chose, each row filed under its slice's folder.
     */
    Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx, ArchiveStore store,
                                          Function<LocalDate, Integer> generationOf) throws SQLException {
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
                    return Map.of(slice.start(), result.at(ArchiveLayout.attempt(rule.unload().location(), slice, generation).root()));
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
        Map<LocalDate, ArchiveResult> out = new LinkedHashMap<>();
        results.forEach((start, r) -> out.put(start, r.at(rule.unload().location().resolve(folderOf.apply(start)).root())));
        return out;
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
            if (!PostgresProbes.binarySafe(none.getMetaData())) { // retyped since planning: the planned COPY would misread it
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
}
