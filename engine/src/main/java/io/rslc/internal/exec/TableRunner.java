package io.rslc.internal.exec;

import io.rslc.api.Cutoff;
import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.RunListener;
import io.rslc.api.SlicePlan;
import io.rslc.api.SliceReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TableReport;
import io.rslc.internal.warehouse.MaintenanceOutcome;
import io.rslc.internal.warehouse.PlannedTransaction;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.RuleStore;
import io.rslc.spi.TableLeases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Processes one table: lock, check, reconcile the checkpoint from the journal, plan live, run the slices oldest
 * first, maintain, then move the checkpoint (compare-and-set, only after commits). Every failure ends here as a
 * FAILED report, so one bad table never stops the others.
 */
final class TableRunner {

    private final DataSource dataSource;
    private final Warehouse warehouse;
    private final RuleStore store;
    private final Journal journal;
    private final LivePlanner planner;
    private final SliceRunner slices;
    private final ExecutorSettings settings;
    private final Clock clock;
    private final RunListener listener;
    private final TableLeases leases;

    TableRunner(DataSource dataSource, Warehouse warehouse, RuleStore store, Journal journal, LivePlanner planner,
                SliceRunner slices, ExecutorSettings settings, Clock clock, RunListener listener, TableLeases leases) {
        this.leases = leases;
        this.dataSource = dataSource;
        this.warehouse = warehouse;
        this.store = store;
        this.journal = journal;
        this.planner = planner;
        this.slices = slices;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
    }

    TableReport run(Rule rule, List<Problem> warnings, LocalDate asOf, String runId, TimeBudget budget) {
        Instant started = clock.instant();
        Progress p = new Progress(rule, Cutoff.of(rule, asOf).date());
        if (!budget.allows(0)) {
            return p.report(TableReport.Status.STOPPED, started, "stopped: " + budget.why()
                    + (budget.stopRequested() ? "" : " ran out") + " before this table started; the next run does it");
        }
        TableLeases.Lease lease;
        try {
            lease = leases.tryAcquire(rule.table());
        } catch (RslcException e) {
            return p.failed(started, e.getMessage());
        }
        if (lease == null) {
            return p.report(TableReport.Status.BUSY, started, "busy: another rslc worker holds the lease of "
                    + rule.table() + "; skipped");
        }
        try (lease; Connection c = dataSource.getConnection()) {
            warehouse.configureSession(c, settings.session());
            try (Warehouse.TableLock lock = warehouse.tryLock(c, rule.table())) {
                if (lock == null) {
                    return p.report(TableReport.Status.BUSY, started, "busy: another rslc process is working on "
                            + rule.table() + "; skipped");
                }
                TableCheck.check(c, rule);
                Rule effective = reconcile(c, rule, p);
                Map<LocalDate, Integer> generations = journal.generations(c, rule.table());
                LivePlanner.LivePlan live = planner.plan(c, effective, asOf, generations, warnings);
                TablePlan plan = live.plan();
                plan.warnings().stream().filter(w -> !warnings.contains(w))
                        .forEach(w -> p.notes.add("WARNING: " + w.field() + ": " + w.message()));
                listener.tableStarted(plan);
                List<PlannedTransaction> transactions = live.transactions();
                for (int i = 0; i < transactions.size(); i++) {
                    PlannedTransaction tx = transactions.get(i);
                    List<SlicePlan> batch = tx.plan().slices();
                    if (!budget.allows(tx.plan().rows())) {
                        int left = transactions.subList(i, transactions.size()).stream()
                                .mapToInt(t -> t.plan().slices().size()).sum();
                        p.stopped = "stopped: " + budget.why() + (budget.stopRequested() ? " after "
                                + p.done.size() + " committed slice(s)" : " leaves no time for the next "
                                + tx.plan().rows() + " row(s)") + "; " + left + " slice(s) from "
                                + batch.get(0).slice().start() + " remain for the next run, maintenance waits for it";
                        break;
                    }
                    batch.forEach(s -> listener.sliceStarted(plan, s));
                    Instant txStarted = clock.instant();
                    List<SliceReport> done = slices.run(c, effective, tx, runId, generations, p.notes);
                    budget.spent(done.stream().mapToLong(r -> Math.max(r.rowsArchived(), r.rowsDeleted())).sum(),
                            Duration.between(txStarted, clock.instant()));
                    notePlanChanges(effective, batch, done, p);
                    for (SliceReport r : done) {
                        p.committed(r);
                        listener.sliceCommitted(plan, r);
                    }
                    lease.renew();
                }
                if (p.stopped == null && p.rowsDeleted() > 0) {
                    CrashPoints.reach("in-maintenance"); // just before the table's VACUUM/ANALYZE are sent
                    MaintenanceOutcome m = warehouse.maintain(c, effective, p.rowsDeleted(), plan.maintenance());
                    p.maintenance.addAll(m.statements());
                    p.notes.add("maintenance: " + m.decision());
                }
            }
            p.moveCheckpoint(store);
            return p.stopped == null ? p.report(TableReport.Status.OK, started, null)
                    : p.report(TableReport.Status.STOPPED, started, p.stopped);
        } catch (SQLException e) {
            return p.failed(started, SqlErrors.describe(rule, e));
        } catch (RslcException e) {
            return p.failed(started, e.getMessage());
        } catch (RuntimeException e) {
            return p.failed(started, "internal error: " + e);
        }
    }

    private static String text(LocalDate d) {
        return d == null ? "none" : d.toString();
    }

    private static void notePlanChanges(Rule rule, List<SlicePlan> planned, List<SliceReport> done, Progress p) {
        Map<LocalDate, Long> processed = new java.util.HashMap<>();
        for (SliceReport r : done) {
            processed.put(r.slice().start(), rule.mode().archives() ? r.rowsArchived() : r.rowsDeleted());
        }
        for (SlicePlan s : planned) {
            long n = processed.getOrDefault(s.slice().start(), 0L);
            if (n != s.rows()) {
                p.notes.add("slice " + s.slice() + " changed since planning: planned " + s.rows()
                        + " row(s), processed " + n);
            }
        }
    }

    /**
     * Adopts the journal's newest committed slice when the rule store is behind: after a crash between a commit and
     * the checkpoint write, or always for a store that does not keep checkpoints (a CSV file left as it is), where
     * the journal is where the progress lives. Unload-only rules resume after it; nothing before it is archived
     * again, and nothing after it was committed, so no slice is skipped.
     */
    private Rule reconcile(Connection c, Rule rule, Progress p) throws SQLException {
        LocalDate journaled = journal.lastSlice(c, rule.table());
        List<Problem> ahead = new ArrayList<>();
        Rule resumed = Planner.resumed(rule, journaled, ahead);
        if (!ahead.isEmpty()) { // a checkpoint ahead of the journal: resume after the journal's slice, warned
            ahead.forEach(w -> p.notes.add("WARNING: " + w.field() + ": " + w.message()));
            p.resumeFrom = journaled;
            return resumed;
        }
        if (journaled == null || (rule.checkpoint() != null && !journaled.isAfter(rule.checkpoint()))) {
            return rule;
        }
        p.resumeFrom = journaled;
        if (!store.storesCheckpoints()) {
            return rule.withCheckpoint(journaled);
        }
        if (store.compareAndSetCheckpoint(rule.table(), rule.checkpoint(), journaled)) {
            p.notes.add("checkpoint reconciled from the journal: " + rule.checkpoint() + " -> " + journaled);
            p.checkpointStored = journaled;
        } else {
            p.notes.add("the checkpoint moved under us (another writer); the journal says " + journaled);
        }
        return rule.withCheckpoint(journaled);
    }

    /** What a table has done so far; survives a failure so committed slices are still reported. */
    private final class Progress {
        final Rule rule;
        final LocalDate cutoff;
        final List<SliceReport> done = new ArrayList<>();
        final List<String> maintenance = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final LocalDate checkpointBefore;
        /** What the rule store holds now (for a store that keeps checkpoints). */
        LocalDate checkpointStored;
        /** The checkpoint the table resumes from: the store's, or the journal's when later. */
        LocalDate resumeFrom;
        /** Why the time budget stopped the table, or null. */
        String stopped;

        Progress(Rule rule, LocalDate cutoff) {
            this.rule = rule;
            this.cutoff = cutoff;
            this.checkpointBefore = rule.checkpoint();
            this.checkpointStored = rule.checkpoint();
            this.resumeFrom = rule.checkpoint();
        }

        void committed(SliceReport r) {
            done.add(r);
        }

        long rowsDeleted() {
            return done.stream().mapToLong(SliceReport::rowsDeleted).sum();
        }

        /** The newest committed slice's start, or null if nothing was committed. */
        LocalDate newestCommitted() {
            return done.stream().map(r -> r.slice().start()).max(LocalDate::compareTo).orElse(null);
        }

        /**
         * The checkpoint becomes the newest committed slice's start, if that is later than the stored one: only
         * slices whose archive was verified and whose transaction committed count, whatever happened after them.
         */
        void moveCheckpoint(RuleStore store) {
            LocalDate newest = newestCommitted();
            if (newest != null && (resumeFrom == null || newest.isAfter(resumeFrom))) {
                resumeFrom = newest;
            }
            if (!store.storesCheckpoints()
                    || newest == null || (checkpointStored != null && !newest.isAfter(checkpointStored))) {
                return;
            }
            if (store.compareAndSetCheckpoint(rule.table(), checkpointStored, newest)) {
                checkpointStored = newest;
            } else {
                notes.add("checkpoint not moved: another writer changed it; the next run reconciles it from the "
                        + "journal");
            }
        }

        /** The checkpoint at the end, as the report gives it: the store's, or the journal's if the store keeps none. */
        LocalDate checkpointAfter() {
            return store.storesCheckpoints() ? checkpointStored : resumeFrom;
        }

        /** One sentence on what happened to the checkpoint, in the original's words when a table succeeded. */
        void noteCheckpoint(TableReport.Status status) {
            LocalDate after = checkpointAfter();
            boolean committed = !done.isEmpty();
            if (status == TableReport.Status.BUSY) {
                return;
            }
            if (!store.storesCheckpoints()) {
                if (committed) {
                    notes.add("checkpoint " + after + " (the last committed slice) is kept in the journal; "
                            + store.name() + " is not changed (write it there with --write-checkpoints)");
                } else if (status == TableReport.Status.FAILED) {
                    notes.add("checkpoint unchanged (" + text(after) + "): nothing was committed");
                }
                return;
            }
            if (Objects.equals(checkpointBefore, after)) {
                if (status == TableReport.Status.FAILED) {
                    notes.add("checkpoint unchanged (" + text(after) + "): nothing was committed");
                }
                return;
            }
            if (status != TableReport.Status.FAILED) {
                notes.add("Updated the checkpoint from: " + (checkpointBefore == null ? "" : checkpointBefore)
                        + " to: " + after);
            } else if (committed) {
                notes.add("checkpoint moved to the last committed slice, from: " + text(checkpointBefore) + " to: "
                        + after + "; the table failed after it, so no later slice is covered");
            } // else: reconciled from the journal before anything ran, which its own note says
        }

        TableReport failed(Instant started, String error) {
            try {
                moveCheckpoint(store);
            } catch (RslcException e) {
                notes.add("checkpoint not moved: " + e.getMessage());
            }
            return report(TableReport.Status.FAILED, started, error);
        }

        TableReport report(TableReport.Status status, Instant started, String error) {
            noteCheckpoint(status);
            TableReport r = new TableReport(rule, status, cutoff, done, maintenance, checkpointBefore,
                    checkpointAfter(), Duration.between(started, clock.instant()), error, notes);
            listener.tableFinished(r);
            return r;
        }
    }
}
