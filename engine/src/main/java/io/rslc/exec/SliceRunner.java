package io.rslc.exec;

import io.rslc.RslcException;
import io.rslc.config.Rule;
import io.rslc.plan.Slice;
import io.rslc.plan.SlicePlan;
import io.rslc.warehouse.ArchivedSlice;
import io.rslc.warehouse.Warehouse;
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

    /** One slice, one transaction. */
    SliceReport run(Connection c, Rule rule, SlicePlan plan, String runId) throws SQLException {
        return inTransaction(c, (attempt, started) -> {
            ArchivedSlice archived = null;
            if (rule.mode().archives()) {
                archived = warehouse.archive(c, rule, plan.slice(), plan.generation());
                CrashPoints.reach("after-archive");
            }
            long deleted = delete(c, rule, plan.slice().start(), plan.slice().end());
            if (archived != null && rule.mode().deletes() && deleted != archived.rows()) {
                throw mismatch("slice " + plan.slice(), archived.rows(), deleted);
            }
            SliceReport report = record(c, rule, runId, plan.slice(), plan.generation(), archived,
                    archived == null ? 0 : archived.rows(), deleted, attempt, started);
            CrashPoints.reach("before-commit");
            return List.of(report);
        }).get(0);
    }

    /**
     * Consecutive slices, one transaction: one scan archives them all into their own folders, one DELETE removes
     * them, and the total deleted must equal the total archived. For delete-only rules the DELETE must remove
     * exactly the planned rows; if other sessions changed them meanwhile, the batch is rolled back and its slices
     * run one by one (each then verified on its own).
     */
    List<SliceReport> runBatch(Connection c, Rule rule, List<SlicePlan> batch, String runId,
                               Map<LocalDate, Integer> generations) throws SQLException {
        LocalDate from = batch.get(0).slice().start();
        LocalDate to = batch.get(batch.size() - 1).slice().end();
        try {
            return inTransaction(c, (attempt, started) -> {
                Map<LocalDate, ArchivedSlice> archived = rule.mode().archives()
                        ? warehouse.archiveBatch(c, rule, from, to, batch,
                                start -> generations.getOrDefault(start, 0) + 1)
                        : null;
                if (archived != null) {
                    CrashPoints.reach("after-archive");
                }
                long deleted = delete(c, rule, from, to);
                List<Recorded> recorded = new ArrayList<>();
                if (archived != null) {
                    long total = archived.values().stream().mapToLong(ArchivedSlice::rows).sum();
                    if (rule.mode().deletes() && deleted != total) {
                        throw mismatch("slices [" + from + ", " + to + ")", total, deleted);
                    }
                    for (Map.Entry<LocalDate, ArchivedSlice> e : archived.entrySet()) {
                        long rows = e.getValue().rows();
                        recorded.add(recorded(rule, runId, Slice.containing(rule.granularity(), e.getKey()),
                                generations.getOrDefault(e.getKey(), 0) + 1, e.getValue(), rows,
                                rule.mode().deletes() ? rows : 0, attempt, started));
                    }
                } else {
                    long planned = batch.stream().mapToLong(SlicePlan::rows).sum();
                    if (deleted != planned) {
                        throw new ChangedSincePlanning();
                    }
                    for (SlicePlan s : batch) {
                        recorded.add(recorded(rule, runId, s.slice(), s.generation(), null, 0, s.rows(), attempt,
                                started));
                    }
                }
                journal.recordAll(c, recorded.stream().map(Recorded::entry).toList());
                List<SliceReport> reports = recorded.stream().map(Recorded::report).toList();
                CrashPoints.reach("before-commit");
                return reports;
            });
        } catch (ChangedSincePlanning e) {
            List<SliceReport> reports = new ArrayList<>();
            for (SlicePlan s : batch) {
                reports.add(run(c, rule, s, runId));
            }
            return reports;
        }
    }

    /** Thrown inside a batch transaction when a delete-only batch no longer matches its plan. */
    private static final class ChangedSincePlanning extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChangedSincePlanning() {
            super(null, null, false, false);
        }
    }

    private long delete(Connection c, Rule rule, LocalDate from, LocalDate to) throws SQLException {
        if (!rule.mode().deletes()) {
            return 0;
        }
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate(warehouse.sql().slices().delete(rule, from, to).sql());
        }
    }

    private static SliceFailure mismatch(String what, long archived, long deleted) {
        return new SliceFailure(String.format(Locale.ROOT, "%s: archived %d row(s) but the DELETE removed %d; "
                + "rolled back, nothing deleted", what, archived, deleted));
    }

    private SliceReport record(Connection c, Rule rule, String runId, Slice slice, int generation,
                               ArchivedSlice archived, long rowsArchived, long deleted, int attempt, Instant started)
            throws SQLException {
        Recorded r = recorded(rule, runId, slice, generation, archived, rowsArchived, deleted, attempt, started);
        journal.record(c, r.entry());
        return r.report();
    }

    /** A slice's journal entry and its report, before the entry is written. */
    private record Recorded(JournalEntry entry, SliceReport report) {
    }

    private Recorded recorded(Rule rule, String runId, Slice slice, int generation, ArchivedSlice archived,
                              long rowsArchived, long deleted, int attempt, Instant started) {
        Instant now = clock.instant();
        JournalEntry entry = new JournalEntry(runId, rule.table(), rule.column(), slice, generation,
                rule.mode().name().toLowerCase(Locale.ROOT), rowsArchived, deleted,
                archived == null ? null : archived.location(), archived == null ? 0 : archived.files(),
                archived == null ? 0 : archived.bytes(), started, now);
        return new Recorded(entry, new SliceReport(slice, generation, rowsArchived, deleted,
                archived == null ? 0 : archived.files(), archived == null ? 0 : archived.bytes(),
                archived == null ? null : archived.location(), attempt, Duration.between(started, now)));
    }

    /** A transaction's work; {@code attempt} counts from 1. */
    private interface Work {
        List<SliceReport> run(int attempt, Instant started) throws SQLException;
    }

    private List<SliceReport> inTransaction(Connection c, Work work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Instant started = clock.instant();
            c.setAutoCommit(true);
            c.setTransactionIsolation(warehouse.sliceIsolation());
            c.setAutoCommit(false);
            try {
                List<SliceReport> reports = work.run(attempt, started);
                c.commit();
                CrashPoints.reach("after-commit");
                return reports;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
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

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
