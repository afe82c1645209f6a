package io.rslc.internal.restore;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.Rule;
import io.rslc.api.SliceReport;
import io.rslc.api.TableName;
import io.rslc.internal.archive.AttemptManifest;
import io.rslc.internal.archive.ManifestFile;
import io.rslc.internal.exec.CrashPoints;
import io.rslc.internal.exec.Journal;
import io.rslc.internal.exec.JournalEntry;
import io.rslc.internal.exec.RestoreJournal;
import io.rslc.internal.plan.ArchiveLayout;
import io.rslc.internal.sql.RedshiftSql;
import io.rslc.internal.sql.SqlTemplates;
import io.rslc.internal.warehouse.SessionSettings;
import io.rslc.internal.warehouse.Transactions;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.ArchiveStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Restores a table's archived slices: each committed slice generation in one transaction that loads its rows
 * (PostgreSQL: read client-side and streamed with {@code COPY FROM STDIN}; Redshift: {@code COPY ... FROM} its
 * manifest), checks the count against the journal, and writes its restore-journal row; a mismatch rolls it back.
 * A kill at any instant leaves each generation either wholly restored and journaled or not at all, so a re-run
 * restores exactly what is missing. Restoring into the source table itself holds those slices (runs leave them
 * alone) until released, and needs the table's run lock.
 */
public final class Restorer {

    private final DataSource dataSource;
    private final Warehouse warehouse;
    private final SessionSettings session;
    private final Journal journal;
    private final RestoreJournal restores;
    private final Function<ArchiveLocation, ArchiveStore> stores;
    private final Clock clock;

    public Restorer(DataSource dataSource, Warehouse warehouse, SessionSettings session, String journalSchema,
                    Function<ArchiveLocation, ArchiveStore> stores, Clock clock) {
        this.dataSource = dataSource;
        this.warehouse = warehouse;
        this.session = session;
        this.journal = new Journal(warehouse.sql().dialect(), journalSchema);
        this.restores = new RestoreJournal(warehouse.sql().dialect(), journalSchema);
        this.stores = stores;
        this.clock = clock;
    }

    /** The default target: {@code <table>_restored} in the same schema. */
    public static TableName defaultTarget(TableName source) {
        return new TableName(source.schema(), source.table() + "_restored");
    }

    /**
     * Restores the slices starting in {@code [from, to]} (either may be null) into {@code into}.
     *
     * @param log told each step, in the original's log style
     */
    public RestoreReport restore(Rule rule, TableName into, LocalDate from, LocalDate to, Consumer<String> log)
            throws SQLException {
        TableName source = rule.table();
        TableName target = into != null ? into : defaultTarget(source);
        boolean intoSource = target.equals(source);
        List<String> notes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            warehouse.configureSession(c, session);
            if (!journal.exists(c)) {
                throw new RslcException(ErrorCode.USAGE, source + ": nothing to restore, the journal "
                        + journal.name() + " does not exist");
            }
            List<JournalEntry> entries = journal.entries(c, source).stream()
                    .filter(e -> e.outcome().archive() != null && e.outcome().rowsArchived() > 0)
                    .filter(e -> from == null || !e.outcome().slice().start().isBefore(from))
                    .filter(e -> to == null || !e.outcome().slice().start().isAfter(to))
                    .toList();
            restores.ensure(c);
            try (Warehouse.TableLock lock = intoSource ? warehouse.tryLock(c, source) : null) {
                if (intoSource && lock == null) {
                    throw new RslcException(ErrorCode.WAREHOUSE, source + " is busy: a run is working on it; "
                            + "restore into it when the run is done");
                }
                if (intoSource) {
                    log.accept("WARNING: restoring into the source table " + source + ": the restored slices are held "
                            + "(runs will not archive them again) until `rslc restore --release --table " + source
                            + "`");
                }
                boolean created = false;
                if (!tableExists(c, target)) {
                    createLike(c, target, source);
                    created = true;
                    log.accept("INFO: Created " + target + " with the columns of " + source);
                }
                Set<String> done = restores.restored(c, source, target);
                if (!done.isEmpty() && !intoSource && isEmpty(c, target)) {
                    restores.forgetTarget(c, target); // dropped and made again by hand: its old rows are gone
                    log.accept("INFO: " + target + " is empty although " + done.size() + " slice generation(s) were "
                            + "restored into it before (it was emptied or made again): restoring them again");
                    done = Set.of();
                }
                String runId = clock.instant().toString().replace(":", "").replace("-", "") + "-"
                        + UUID.randomUUID().toString().substring(0, 8);
                int slices = 0;
                long rows = 0;
                int skipped = 0;
                for (JournalEntry e : entries) {
                    SliceReport o = e.outcome();
                    if (done.contains(RestoreJournal.key(o.slice().start(), o.generation()))) {
                        skipped++;
                        continue;
                    }
                    long loaded = restoreOne(c, rule, e, source, target, runId);
                    log.accept("INFO: Restored " + loaded + " row(s) of slice " + o.slice().key() + " generation "
                            + o.generation() + " into " + target);
                    slices++;
                    rows += loaded;
                }
                if (skipped > 0) {
                    notes.add(skipped + " slice generation(s) were restored into " + target + " before; not again");
                }
                return new RestoreReport(source, target, created, intoSource, slices, rows, skipped, notes);
            }
        }
    }

    /** Lets runs archive the source table's restored slices in {@code [from, to]} again. */
    public int release(Rule rule, LocalDate from, LocalDate to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            warehouse.configureSession(c, session);
            return restores.release(c, rule.table(), from == null ? LocalDate.of(1, 1, 1) : from,
                    to == null ? LocalDate.of(9999, 12, 31) : to);
        }
    }

    private long restoreOne(Connection c, Rule rule, JournalEntry e, TableName source, TableName target,
                            String runId) throws SQLException {
        SliceReport o = e.outcome();
        ArchiveStore store = stores.apply(ArchiveLayout.recorded(o.archive()));
        AttemptManifest at = AttemptManifest.of(o.archive(), stores);
        ManifestFile manifest = at.read();
        List<String> columns = manifest.columns().stream().map(ManifestFile.SchemaColumn::name).toList();
        return Transactions.inTransaction(c, warehouse.sliceIsolation(), () -> {
            long loaded = warehouse.sql() instanceof RedshiftSql redshift
                    ? copy(c, redshift, at.shared() ? redshift.copies().copyFolder(rule, target, columns, at.folder())
                            : redshift.copies().copy(rule, target, columns, at.uri()))
                    : copyIn(c, rule, target, columns, store, manifest);
            if (loaded != o.rowsArchived()) {
                throw new RslcException(ErrorCode.ARCHIVE, "slice " + o.slice().key() + " generation "
                        + o.generation() + " of " + source + ": loaded " + loaded + " row(s) from " + o.archive()
                        + " but the journal archived " + o.rowsArchived() + "; rolled back, nothing restored "
                        + "(run rslc verify)");
            }
            restores.record(c, runId, source, target, o.slice().start(), o.generation(), loaded, clock.instant());
            CrashPoints.reach("restore-before-commit");
            return loaded;
        });
    }

    private long copyIn(Connection c, Rule rule, TableName target, List<String> columns, ArchiveStore store,
                               ManifestFile manifest) throws SQLException {
        var d = warehouse.sql().dialect();
        String columnList = columns.isEmpty() ? "" : " (" + String.join(", ",
                columns.stream().map(n -> d.identifier(n).sql()).toList()) + ")";
        String sql = "COPY " + d.identifier(target.schema(), target.table()).sql() + columnList + " FROM STDIN";
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder sb = new StringBuilder(1 << 16);
            SQLException[] failure = {null};
            ArchivedRows.read(store, manifest, rule.unload(), row -> {
                CopyText.append(row, sb);
                if (sb.length() >= 1 << 16 && failure[0] == null) {
                    failure[0] = write(copy, sb);
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            SQLException last = write(copy, sb);
            if (last != null) {
                throw last;
            }
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static SQLException write(CopyIn copy, StringBuilder sb) {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        sb.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /** Runs a Redshift COPY and returns what {@code pg_last_copy_count()} says it loaded. */
    private static long copy(Connection c, RedshiftSql sql, String copy) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(copy);
            try (ResultSet rs = st.executeQuery(sql.copies().lastCopyCount())) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private boolean isEmpty(Connection c, TableName t) throws SQLException {
        var d = warehouse.sql().dialect();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM "
                + d.identifier(t.schema(), t.table()).sql() + " LIMIT 1")) {
            return !rs.next();
        }
    }

    private static boolean tableExists(Connection c, TableName t) throws SQLException {
        return Journal.tableExists(c, t.schema(), t.table());
    }

    private void createLike(Connection c, TableName target, TableName source) throws SQLException {
        if (!tableExists(c, source)) {
            throw new RslcException(ErrorCode.USAGE, "cannot create " + target + " like " + source + ": " + source
                    + " does not exist; create the target yourself and give it with --into");
        }
        var d = warehouse.sql().dialect();
        String create = SqlTemplates.get("common/slice.sql", "create_like").render(java.util.Map.of(
                "target", d.identifier(target.schema(), target.table()),
                "source", d.identifier(source.schema(), source.table()))).sql();
        Transactions.inTransaction(c, warehouse.sliceIsolation(), () -> {
            try (Statement st = c.createStatement()) {
                st.execute(create);
            }
            restores.forgetTarget(c, target); // a new, empty table: whatever went into an old one is gone
            return null;
        });
    }
}
