package io.rslc.internal.exec;

import io.rslc.api.PlannedStatement;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.SliceReport;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.warehouse.ChangedSincePlanning;
import io.rslc.internal.warehouse.PlannedTransaction;
import io.rslc.internal.warehouse.Transactions;
import io.rslc.internal.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs slices in transactions at snapshot isolation: archive, verify, delete, verify, journal, commit. Either one
 * slice per transaction, or a batch of consecutive slices archived by one scan and deleted by one DELETE (each
 * slice still in its own folder with its own journal row) where the warehouse supports it. A serialization
 * conflict rolls back and retries the whole transaction with backoff; any other error or a count mismatch rolls
 * back and is thrown. Nothing of a rolled-back attempt stays visible: the DELETE is undone, and its files sit in
 * attempt folders that the next attempt of the same slices cleans first.
 */
final class SliceRunner {

    private final Warehouse warehouse;
    private final Journal journal;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;

    SliceRunner(Warehouse warehouse, Journal journal, Clock clock, int maxAttempts, Duration backoff) {
        this.warehouse = warehouse;
        this.journal = journal;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /**
     * One planned transaction: its statements in order (settings, the archive read by the warehouse, the DELETE),
     * verified, journaled, committed. A batch's total deleted must equal its total archived. For delete-only rules
     * a batch's DELETE must remove exactly the planned rows; if other sessions changed them meanwhile, the batch is
     * rolled back and its slices run one by one (each then verified on its own), which {@code notes} records.
     */
    List<SliceReport> run(Connection c, Rule rule, PlannedTransaction tx, String runId,
                          Map<LocalDate, Integer> generations, List<String> notes) throws SQLException {
        List<SlicePlan> batch = tx.plan().slices();
        try {
            return inTransaction(c, (attempt, started) -> {
                Map<LocalDate, ArchiveResult> archived = null;
                long deleted = 0;
                for (PlannedStatement statement : tx.statements()) {
                    switch (statement.role()) {
                        case SETTING -> execute(c, statement.sql());
                        case ARCHIVE -> {
                            archived = warehouse.archive(c, rule, tx,
                                    start -> generations.getOrDefault(start, 0) + 1);
                            CrashPoints.reach("after-archive");
                        }
                        case VERIFY -> { } // read by the warehouse with its ARCHIVE statement
                        case DELETE -> deleted = delete(c, statement.sql());
                        case MAINTENANCE -> throw new IllegalStateException("maintenance inside a transaction");
                    }
                }
                List<JournalEntry> recorded = new ArrayList<>();
                if (archived != null) {
                    long total = archived.values().stream().mapToLong(ArchiveResult::rows).sum();
                    if (rule.mode().deletes() && deleted != total) {
                        throw mismatch(describe(batch), total, deleted);
                    }
                    for (Map.Entry<LocalDate, ArchiveResult> e : archived.entrySet()) {
                        long rows = e.getValue().rows();
                        Slice slice = Slice.containing(rule.granularity(), e.getKey());
                        int generation = tx.batched() ? generations.getOrDefault(e.getKey(), 0) + 1
                                : batch.get(0).generation();
                        recorded.add(recorded(rule, runId, slice, generation, e.getValue(), rows,
                                rule.mode().deletes() ? rows : 0, attempt, started));
                    }
                } else if (tx.batched()) {
                    long planned = batch.stream().mapToLong(SlicePlan::rows).sum();
                    if (deleted != planned) {
                        throw new ChangedSincePlanning("deleted " + deleted + " row(s), planned " + planned);
                    }
                    for (SlicePlan s : batch) {
                        recorded.add(recorded(rule, runId, s.slice(), s.generation(), null, 0, s.rows(), attempt,
                                started));
                    }
                } else {
                    SlicePlan s = batch.get(0);
                    recorded.add(recorded(rule, runId, s.slice(), s.generation(), null, 0, deleted, attempt,
                            started));
                }
                journal.recordAll(c, recorded);
                List<SliceReport> reports = recorded.stream().map(JournalEntry::outcome).toList();
                CrashPoints.reach("before-commit");
                return reports;
            });
        } catch (ChangedSincePlanning e) {
            notes.add(describe(batch) + ": rows changed since planning (" + e.getMessage() + "); ran its "
                    + batch.size() + " slice(s) one per transaction, each verified on its own");
            List<SliceReport> reports = new ArrayList<>();
            for (SlicePlan s : batch) {
                reports.addAll(run(c, rule, warehouse.plan(c, rule, List.of(s), false), runId, generations, notes));
            }
            return reports;
        }
    }

    private static String describe(List<SlicePlan> batch) {
        return batch.size() == 1 ? "slice " + batch.get(0).slice()
                : "slices [" + batch.get(0).slice().start() + ", " + batch.get(batch.size() - 1).slice().end() + ")";
    }

    private static long delete(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate(sql);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static SliceFailure mismatch(String what, long archived, long deleted) {
        return new SliceFailure(String.format(Locale.ROOT, "%s: archived %d row(s) but the DELETE removed %d; "
                + "rolled back, nothing deleted", what, archived, deleted));
    }

    /** A slice's outcome, to be journaled and reported. */
    private JournalEntry recorded(Rule rule, String runId, Slice slice, int generation, ArchiveResult archived,
                                  long rowsArchived, long deleted, int attempt, Instant started) {
        Instant now = clock.instant();
        SliceReport outcome = new SliceReport(slice, generation, rowsArchived, deleted,
                archived == null ? 0 : archived.files().size(), archived == null ? 0 : archived.bytes(),
                archived == null ? null : archived.location(), attempt, Duration.between(started, now));
        return new JournalEntry(runId, rule.table(), rule.column(), rule.mode().name().toLowerCase(Locale.ROOT),
                outcome, started, now);
    }

    /** A transaction's work; {@code attempt} counts from 1. */
    private interface Work {
        List<SliceReport> run(int attempt, Instant started) throws SQLException;
    }

    private List<SliceReport> inTransaction(Connection c, Work work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Instant started = clock.instant();
            int a = attempt;
            try {
                List<SliceReport> reports = Transactions.inTransaction(c, warehouse.sliceIsolation(),
                        () -> work.run(a, started));
                CrashPoints.reach("after-commit");
                return reports;
            } catch (SQLException | RuntimeException e) {
                if (!retryable(e) || attempt >= maxAttempts) {
                    throw e;
                }
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
    }

    /**
     * A serialization failure or deadlock: of a statement, or (reported wrapped, as a warehouse failure) while the
     * rows were read for the archive.
     */
    private boolean retryable(Exception e) {
        if (e instanceof SQLException s) {
            return warehouse.isSerializationFailure(s);
        }
        return e instanceof RslcException r && r.getCause() instanceof SQLException s
                && warehouse.isSerializationFailure(s);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
