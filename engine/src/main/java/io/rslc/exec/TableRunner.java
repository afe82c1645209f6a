package io.rslc.exec;

import io.rslc.RslcException;
import io.rslc.config.Problem;
import io.rslc.config.Rule;
import io.rslc.plan.Cutoff;
import io.rslc.plan.SlicePlan;
import io.rslc.plan.TablePlan;
import io.rslc.store.RuleStore;
import io.rslc.warehouse.MaintenanceOutcome;
import io.rslc.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    TableReport run(Rule rule, List<Problem> warnings, LocalDate asOf, String runId) {
        Instant started = clock.instant();
        Progress p = new Progress(rule, Cutoff.of(rule, asOf).date());
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
                TablePlan plan = planner.plan(c, effective, asOf, generations, warnings);
                plan.warnings().stream().filter(w -> !warnings.contains(w))
                        .forEach(w -> p.notes.add("WARNING: " + w.field() + ": " + w.message()));
                listener.tableStarted(plan);
                boolean batched = warehouse.archivesInBatches() && settings.batchRows() > 0;
                for (List<SlicePlan> batch : batches(plan.slices(), batched ? settings.batchRows() : 0)) {
                    batch.forEach(s -> listener.sliceStarted(plan, s));
                    List<SliceReport> done = batched
                            ? slices.runBatch(c, effective, batch, runId, generations)
                            : List.of(slices.run(c, effective, batch.get(0), runId));
                    notePlanChanges(effective, batch, done, p);
                    for (SliceReport r : done) {
                        p.committed(r);
                        listener.sliceCommitted(plan, r);
                    }
                    lease.renew();
                }
                if (p.rowsDeleted() > 0) {
                    MaintenanceOutcome m = warehouse.maintain(c, effective, p.rowsDeleted());
                    p.maintenance.addAll(m.statements());
                    p.notes.add("maintenance: " + m.decision());
                }
            }
            p.moveCheckpoint(store);
            return p.report(TableReport.Status.OK, started, null);
        } catch (SQLException e) {
            return p.failed(started, SqlErrors.describe(rule, e));
        } catch (RslcException e) {
            return p.failed(started, e.getMessage());
        } catch (RuntimeException e) {
            return p.failed(started, "internal error: " + e);
        }
    }

    /** Consecutive slices grouped up to {@code rowBudget} planned rows; 0 = one slice per group. */
    static List<List<SlicePlan>> batches(List<SlicePlan> slices, long rowBudget) {
        List<List<SlicePlan>> out = new ArrayList<>();
        List<SlicePlan> current = new ArrayList<>();
        long rows = 0;
        for (SlicePlan s : slices) {
            if (!current.isEmpty() && (rowBudget <= 0 || rows + s.rows() > rowBudget)) {
                out.add(current);
                current = new ArrayList<>();
                rows = 0;
            }
            current.add(s);
            rows += s.rows();
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
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

    /** Adopts the journal's newest committed slice when the rule store is behind (a crash after commit). */
    private Rule reconcile(Connection c, Rule rule, Progress p) throws SQLException {
        LocalDate journaled = journal.lastSlice(c, rule.table());
        if (journaled == null || (rule.checkpoint() != null && !journaled.isAfter(rule.checkpoint()))) {
            return rule;
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
        LocalDate checkpointStored;

        Progress(Rule rule, LocalDate cutoff) {
            this.rule = rule;
            this.cutoff = cutoff;
            this.checkpointBefore = rule.checkpoint();
            this.checkpointStored = rule.checkpoint();
        }

        void committed(SliceReport r) {
            done.add(r);
        }

        long rowsDeleted() {
            return done.stream().mapToLong(SliceReport::rowsDeleted).sum();
        }

        /** The checkpoint becomes the newest committed slice's start, if that is later than the stored one. */
        void moveCheckpoint(RuleStore store) {
            LocalDate newest = done.stream().map(r -> r.slice().start()).max(LocalDate::compareTo).orElse(null);
            if (newest == null || (checkpointStored != null && !newest.isAfter(checkpointStored))) {
                return;
            }
            if (store.compareAndSetCheckpoint(rule.table(), checkpointStored, newest)) {
                checkpointStored = newest;
            } else {
                notes.add("checkpoint not moved: another writer changed it; the next run reconciles it from the "
                        + "journal");
            }
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
            TableReport r = new TableReport(rule, status, cutoff, done, maintenance, checkpointBefore,
                    checkpointStored, Duration.between(started, clock.instant()), error, notes);
            listener.tableFinished(r);
            return r;
        }
    }
}
