package io.rslc;

import io.rslc.config.RuleSet;
import io.rslc.exec.Executor;
import io.rslc.exec.ExecutorSettings;
import io.rslc.exec.RunListener;
import io.rslc.exec.RunReport;
import io.rslc.exec.TableLeases;
import io.rslc.plan.Plan;
import io.rslc.plan.PlanOptions;
import io.rslc.plan.Planner;
import io.rslc.store.RuleStore;
import io.rslc.warehouse.JdbcDataSource;
import io.rslc.warehouse.SessionSettings;
import io.rslc.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The entry point for embedding rslc: configure once, then plan or run.
 *
 * <pre>{@code
 * Rslc rslc = Rslc.configure()
 *         .dataSource(dataSource)
 *         .warehouse(PostgresWarehouse.localArchives())
 *         .ruleStore(CsvRuleStore.of(Path.of("rules.csv")))
 *         .load();
 * RunReport report = rslc.run();
 * }</pre>
 */
public final class Rslc {

    private final DataSource dataSource;
    private final Warehouse warehouse;
    private final RuleStore store;
    private final Clock clock;
    private final ExecutorSettings settings;
    private final RunListener listener;
    private final TableLeases leases;

    private Rslc(Configuration c) {
        this.leases = c.leases;
        this.dataSource = Objects.requireNonNull(c.dataSource, "dataSource");
        this.warehouse = Objects.requireNonNull(c.warehouse, "warehouse");
        this.store = Objects.requireNonNull(c.store, "ruleStore");
        this.clock = c.clock;
        this.settings = new ExecutorSettings(c.journalSchema, new SessionSettings(c.zone, c.statementTimeout),
                c.maxAttempts, c.backoff, c.batchRows);
        this.listener = c.listener;
    }

    public static Configuration configure() {
        return new Configuration();
    }

    /** Options for "today" in the configured zone, every table. */
    public PlanOptions today() {
        return PlanOptions.today(clock, settings.session().zone());
    }

    /** Plans offline: cutoffs and slices from checkpoints, no database access. */
    public Plan plan(PlanOptions options) {
        return new Planner(warehouse.sql()).plan(store.load(), options);
    }

    /** Plans against the warehouse: the slices that hold rows, with counts. Changes nothing. */
    public Plan dryRun(PlanOptions options) {
        return executor().dryRun(store.load(), options);
    }

    /** Runs as of today. */
    public RunReport run() {
        return run(today());
    }

    /** Runs with the given options. */
    public RunReport run(PlanOptions options) {
        RuleSet rules = store.load();
        return executor().run(rules, options);
    }

    public Executor executor() {
        return new Executor(dataSource, warehouse, store, settings, clock, listener, leases);
    }

    public RuleStore ruleStore() {
        return store;
    }

    /** Fluent configuration; {@link #load()} makes an immutable {@link Rslc}. */
    public static final class Configuration {
        private DataSource dataSource;
        private Warehouse warehouse;
        private RuleStore store;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("UTC");
        private Duration statementTimeout = Duration.ofMinutes(20);
        private String journalSchema = "rslc";
        private int maxAttempts = 5;
        private Duration backoff = Duration.ofMillis(200);
        private long batchRows = ExecutorSettings.DEFAULT_BATCH_ROWS;
        private RunListener listener = new RunListener() { };
        private TableLeases leases = TableLeases.none();

        private Configuration() {
        }

        public Configuration dataSource(DataSource v) { this.dataSource = v; return this; }
        public Configuration dataSource(String jdbcUrl, String user, String password) {
            this.dataSource = new JdbcDataSource(jdbcUrl, user, password);
            return this;
        }
        public Configuration warehouse(Warehouse v) { this.warehouse = v; return this; }
        public Configuration ruleStore(RuleStore v) { this.store = v; return this; }
        public Configuration clock(Clock v) { this.clock = v; return this; }
        public Configuration zone(ZoneId v) { this.zone = v; return this; }
        public Configuration statementTimeout(Duration v) { this.statementTimeout = v; return this; }
        public Configuration journalSchema(String v) { this.journalSchema = v; return this; }
        public Configuration retries(int attempts, Duration firstBackoff) {
            this.maxAttempts = attempts;
            this.backoff = firstBackoff;
            return this;
        }
        public Configuration listener(RunListener v) { this.listener = v; return this; }
        /** Row budget of a multi-slice transaction where the warehouse supports it; 0 = one slice each. */
        public Configuration batchRows(long v) { this.batchRows = v; return this; }
        /** Coordinates workers on several machines (e.g. DynamoDB leases); default: none. */
        public Configuration leases(TableLeases v) { this.leases = v; return this; }

        public Rslc load() {
            return new Rslc(this);
        }
    }
}
