package io.rslc.internal.exec;

import io.rslc.api.Cutoff;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.RunListener;
import io.rslc.api.RunReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TableReport;
import io.rslc.internal.warehouse.SqlStates;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.RuleStore;
import io.rslc.spi.TableLeases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs rules against a warehouse: per table in run order, per slice oldest first, each slice in one
 * transaction. Also plans against the live warehouse without changing anything ({@link #dryRun}).
 */
public final class Executor {

    private final DataSource dataSource;
    private final Warehouse warehouse;
    private final RuleStore store;
    private final ExecutorSettings settings;
    private final Clock clock;
    private final RunListener listener;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Executor.class);

    private final Journal journal;
    private final RunLog runLog;
    private final LivePlanner livePlanner;
    private final TableLeases leases;
    private final AtomicBoolean stopRequested;

    public Executor(DataSource dataSource, Warehouse warehouse, RuleStore store, ExecutorSettings settings,
                    Clock clock, RunListener listener) {
        this(dataSource, warehouse, store, settings, clock, listener, TableLeases.none());
    }

    /** An executor whose workers coordinate through {@code leases} (e.g. DynamoDB) across machines. */
    public Executor(DataSource dataSource, Warehouse warehouse, RuleStore store, ExecutorSettings settings,
                    Clock clock, RunListener listener, TableLeases leases) {
        this(dataSource, warehouse, store, settings, clock, listener, leases, new AtomicBoolean());
    }

    /** As above, stopping when {@code stopRequested} becomes true (see {@link #stop()}); the flag may be shared. */
    public Executor(DataSource dataSource, Warehouse warehouse, RuleStore store, ExecutorSettings settings,
                    Clock clock, RunListener listener, TableLeases leases, AtomicBoolean stopRequested) {
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.journal = new Journal(warehouse.sql().dialect(), settings.journalSchema());
        this.runLog = new RunLog(warehouse.sql().dialect(), settings.journalSchema());
        this.livePlanner = new LivePlanner(warehouse, settings.batchRows(),
                new RestoreJournal(warehouse.sql().dialect(), settings.journalSchema()));
    }

    public Journal journal() {
        return journal;
    }

    /**
     * Asks a run in progress (in another thread) to start no new transaction nor table: the transaction in flight
     * commits or rolls back as usual, the tables left are reported {@code STOPPED}. Later runs of this executor stop
     * at once. Safe to call from any thread, e.g. a signal handler.
     */
    public void stop() {
        stopRequested.set(true);
    }

    /** Runs every valid rule included by {@code options}. */
    public RunReport run(RuleSet rules, PlanOptions options) {
        return run(rules, options, null);
    }

    /**
     * Runs every valid rule included by {@code options}, starting no transaction it does not expect to commit
     * before {@code deadline} (null: no deadline). Tables it could not finish are reported
     * {@link io.rslc.api.TableReport.Status#STOPPED STOPPED}.
     */
    public RunReport run(RuleSet rules, PlanOptions options, Instant deadline) {
        String runId = clock.instant().toString().replace(":", "").replace("-", "") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Instant started = clock.instant();
        ensureJournal();
        TableRunner runner = new TableRunner(dataSource, warehouse, store, journal, livePlanner,
                new SliceRunner(warehouse, journal, clock, settings.maxAttempts(), settings.backoff()),
                settings, clock, listener, leases);
        TimeBudget budget = new TimeBudget(deadline, clock, stopRequested::get);
        List<TableReport> tables = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (options.includes(rule.table())) {
                tables.add(runner.run(rule, rules.warningsFor(rule), options.asOf(), runId, budget));
            }
        }
        Instant finished = clock.instant();
        logRun(runId, started, finished, tables);
        return new RunReport(runId, options.asOf(), warehouse.name(), started, finished, tables,
                withOnlyErrors(rules, options));
    }

    /** Writes the run log; a failure there is logged, never fails the run (the journal holds what was done). */
    private void logRun(String runId, Instant started, Instant finished, List<TableReport> tables) {
        try (Connection c = dataSource.getConnection()) {
            runLog.record(c, runId, started, finished, tables);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("WARNING: cannot write the run log {}.{}: {}", settings.journalSchema(), RunLog.TABLE,
                    e.getMessage());
        }
    }

    /** Plans against the live warehouse: real slices and row counts; takes no lock and writes nothing. */
    public Plan dryRun(RuleSet rules, PlanOptions options) {
        try (Connection c = connect()) { // one clear error when the warehouse cannot be reached, not one per table
            c.getAutoCommit();
        } catch (SQLException e) {
            // the connection broke at once: each table below says what is wrong
        }
        List<TablePlan> tables = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (!options.includes(rule.table())) {
                continue;
            }
            List<Problem> warnings = rules.warningsFor(rule);
            try (Connection c = dataSource.getConnection()) {
                warehouse.configureSession(c, settings.session());
                TableCheck.check(c, rule);
                boolean journaled = journal.exists(c);
                Map<LocalDate, Integer> generations = journaled ? journal.generations(c, rule.table()) : Map.of();
                LocalDate last = journaled ? journal.lastSlice(c, rule.table()) : null;
                warnings = new ArrayList<>(warnings);
                Rule effective = Planner.resumed(rule, last, warnings);
                tables.add(livePlanner.plan(c, effective, options.asOf(), generations, warnings).plan());
            } catch (SQLException e) {
                tables.add(TablePlan.failed(rule, Cutoff.of(rule, options.asOf()), warnings,
                        SqlErrors.describe(rule, e)));
            } catch (RslcException e) {
                tables.add(TablePlan.failed(rule, Cutoff.of(rule, options.asOf()), warnings,
                        e.getMessage()));
            }
        }
        return new Plan(options.asOf(), options.zone(), warehouse.name(), rules.source(), tables,
                withOnlyErrors(rules, options));
    }

    private void ensureJournal() {
        try (Connection c = connect()) {
            journal.ensure(c);
            runLog.ensure(c);
        } catch (SQLException e) {
            throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot prepare the journal "
                    + journal.name() + ": " + SqlStates.describeConnectionFailure(e), e);
        }
    }

    /** A connection, or a warehouse error saying why there is none (server down, no such database, login). */
    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot connect to the warehouse: "
                    + SqlStates.describeConnectionFailure(e), e);
        }
    }

    private static List<Problem> withOnlyErrors(RuleSet rules, PlanOptions options) {
        List<Problem> problems = new ArrayList<>(rules.problems());
        options.only().stream()
                .filter(t -> rules.rules().stream().noneMatch(r -> r.table().equals(t)))
                .forEach(t -> problems.add(new Problem(Problem.Severity.ERROR, rules.source(), "", 0, "--only",
                        "no valid rule for table " + t)));
        return problems;
    }
}
