package io.rslc;

import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.RslcException;
import io.rslc.api.RunListener;
import io.rslc.api.RunReport;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.exec.Executor;
import io.rslc.internal.exec.ExecutorSettings;
import io.rslc.internal.exec.Planner;
import io.rslc.internal.store.RuleStores;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import io.rslc.internal.warehouse.SessionSettings;
import io.rslc.spi.ArchiveStoreProvider;
import io.rslc.spi.RuleStore;
import io.rslc.spi.TableLeases;
import io.rslc.spi.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The entry point for embedding rslc: configure once, then plan or run. {@link #plan} needs no database;
 * {@link #dryRun} and {@link #run} need a {@link Configuration#dataSource DataSource}.
 *
 * <pre>{@code
 * try (Rslc rslc = Rslc.configure()
 *         .dataSource(dataSource)
 *         .postgresql()
 *         .rules("rules.csv")
 *         .load()) {
 *     RunReport report = rslc.run();
 * }
 * }</pre>
 */
public final class Rslc implements AutoCloseable {

    private final DataSource dataSource;
    private final io.rslc.internal.warehouse.Warehouse warehouse;
    private final RuleStore store;
    private final boolean ownsStore;
    private final Clock clock;
    private final ExecutorSettings settings;
    private final RunListener listener;
    private final TableLeases leases;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private Rslc(Configuration c) {
        this.dataSource = c.dataSource;
        this.warehouse = c.warehouse();
        this.store = Objects.requireNonNull(c.store, "ruleStore (or rules(source))");
        this.ownsStore = c.ownsStore;
        this.clock = c.clock;
        this.settings = new ExecutorSettings(c.journalSchema, new SessionSettings(c.zone, c.statementTimeout),
                c.maxAttempts, c.backoff, c.batchRows);
        this.listener = c.listener;
        this.leases = c.leases;
    }

    /** Starts a configuration; {@link Configuration#load()} makes the immutable {@link Rslc}. */
    public static Configuration configure() {
        return new Configuration();
    }

    /** Options for "today" in the configured zone, every table. */
    public PlanOptions today() {
        return PlanOptions.today(clock, settings.session().zone());
    }

    /**
     * Plans offline, without a database: cutoffs and slices from the checkpoints, and the statements a run would
     * send as far as they can be known without the data (each table's note says what only a live plan knows).
     */
    public Plan plan(PlanOptions options) {
        return new Planner(warehouse).plan(store.load(), options);
    }

    /** Plans against the warehouse: the slices that hold rows, their counts and the exact statements. Changes nothing. */
    public Plan dryRun(PlanOptions options) {
        return executor().dryRun(store.load(), options);
    }

    /** Runs as of today. */
    public RunReport run() {
        return run(today());
    }

    /** Runs with the given options. */
    public RunReport run(PlanOptions options) {
        return executor().run(store.load(), options, null);
    }

    /**
     * Runs with the given options, starting no transaction it does not expect to commit before {@code deadline}
     * (a Lambda invocation's end, less a margin for what follows). Tables it could not finish are
     * {@link io.rslc.api.TableReport.Status#STOPPED STOPPED}, their committed slices kept, and
     * {@link RunReport#complete()} is false: run again to continue exactly where this run stopped.
     */
    public RunReport run(PlanOptions options, Instant deadline) {
        return executor().run(store.load(), options, Objects.requireNonNull(deadline, "deadline"));
    }

    private Executor executor() {
        if (dataSource == null) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "a run or dry run needs a database: configure "
                    + "dataSource(...)");
        }
        return new Executor(dataSource, warehouse, store, settings, clock, listener, leases, stopRequested);
    }

    /**
     * Asks a run in progress (from another thread: a signal handler, a shutdown hook) to stop cleanly: the
     * transaction in flight commits or rolls back as usual, no new transaction or table starts, and the tables left
     * are {@link io.rslc.api.TableReport.Status#STOPPED STOPPED}, as when a deadline is reached; run again to
     * continue. Later runs of this instance stop before their first table.
     */
    public void stop() {
        stopRequested.set(true);
    }

    /** Closes the rule store if it was opened from a source string by {@link Configuration#rules(String)}. */
    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }

    /** Fluent configuration; {@link #load()} makes an immutable {@link Rslc}. Not thread-safe. */
    public static final class Configuration {
        private DataSource dataSource;
        private Warehouse warehouse;
        private String redshiftRole;
        private String redshiftRegion;
        private boolean redshift;
        private RuleStore store;
        private boolean ownsStore;
        private final List<ArchiveStoreProvider> archiveStores = new ArrayList<>();
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

        /** The warehouse's connections; not needed by {@link Rslc#plan}. */
        public Configuration dataSource(DataSource v) {
            this.dataSource = v;
            return this;
        }

        /** A JDBC URL and login; the password is never logged or reported. */
        public Configuration dataSource(String jdbcUrl, String user, String password) {
            this.dataSource = new JdbcDataSource(jdbcUrl, user, password);
            return this;
        }

        /** PostgreSQL: rslc writes the archive files itself (local folders, or S3 with rslc-engine-aws). */
        public Configuration postgresql() {
            this.redshift = false;
            this.warehouse = null;
            return this;
        }

        /**
         * Redshift: UNLOAD writes the archive to S3.
         *
         * @param roleArn       the IAM role UNLOAD uses, or null for {@code IAM_ROLE default}
         * @param defaultRegion the bucket region for rules that name none, or null
         */
        public Configuration redshift(String roleArn, String defaultRegion) {
            this.redshift = true;
            this.redshiftRole = roleArn;
            this.redshiftRegion = defaultRegion;
            this.warehouse = null;
            return this;
        }

        /** A warehouse rslc made (see {@link Warehouse}); other implementations are refused. */
        public Configuration warehouse(Warehouse v) {
            this.warehouse = Objects.requireNonNull(v, "warehouse");
            return this;
        }

        /** Where the rules and checkpoints live. */
        public Configuration ruleStore(RuleStore v) {
            this.store = v;
            this.ownsStore = false;
            return this;
        }

        /**
         * Opens the rules from a source string: a CSV path, {@code file:} URI, or a URI a
         * {@link io.rslc.spi.RuleStoreProvider} on the classpath opens ({@code dynamodb://TABLE?region=R} with
         * rslc-engine-aws). {@link Rslc#close()} closes it. A CSV file is only read, never written: runs resume from
         * the journal's last committed slice (DynamoDB keeps its checkpoints as ever).
         */
        public Configuration rules(String source) {
            this.store = RuleStores.open(source);
            this.ownsStore = true;
            return this;
        }

        /** Opens archive locations the built-in local store does not (asked before those on the classpath). */
        public Configuration archiveStores(ArchiveStoreProvider v) {
            this.archiveStores.add(Objects.requireNonNull(v, "archiveStores"));
            return this;
        }

        /** "Now", for today's date and timings; default the system clock in UTC. */
        public Configuration clock(Clock v) {
            this.clock = v;
            return this;
        }

        /** The zone dates and the warehouse session use; default UTC. */
        public Configuration zone(ZoneId v) {
            this.zone = v;
            return this;
        }

        /** The longest any one statement may run; default 20 minutes. */
        public Configuration statementTimeout(Duration v) {
            this.statementTimeout = v;
            return this;
        }

        /** The schema of the journal and run lock tables; default {@code rslc}. */
        public Configuration journalSchema(String v) {
            this.journalSchema = v;
            return this;
        }

        /** Attempts of a transaction that hits serialization conflicts, and the first wait between them. */
        public Configuration retries(int attempts, Duration firstBackoff) {
            this.maxAttempts = attempts;
            this.backoff = firstBackoff;
            return this;
        }

        /** Progress callbacks. */
        public Configuration listener(RunListener v) {
            this.listener = v;
            return this;
        }

        /** Row budget of a multi-slice transaction where the warehouse supports it; 0 = one slice each. */
        public Configuration batchRows(long v) {
            if (v < 0) {
                throw new RslcException(RslcException.ErrorCode.USAGE, "batchRows must be 0 or more, not " + v);
            }
            this.batchRows = v;
            return this;
        }

        /** Coordinates workers on several machines (e.g. DynamoDB leases); default: none. */
        public Configuration leases(TableLeases v) {
            this.leases = v;
            return this;
        }

        public Rslc load() {
            return new Rslc(this);
        }

        private io.rslc.internal.warehouse.Warehouse warehouse() {
            if (warehouse != null) {
                if (warehouse instanceof io.rslc.internal.warehouse.Warehouse w) {
                    return w;
                }
                throw new RslcException(RslcException.ErrorCode.USAGE, "warehouse " + warehouse.name()
                        + " was not made by rslc; use postgresql() or redshift(roleArn, region)");
            }
            return redshift ? new RedshiftWarehouse(redshiftRole, redshiftRegion, journalSchema, 60,
                    Duration.ofSeconds(30))
                    : new PostgresWarehouse(ArchiveStores.using(archiveStores));
        }
    }
}
