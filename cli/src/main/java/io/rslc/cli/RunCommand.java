package io.rslc.cli;

import io.rslc.Rslc;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.RslcException;
import io.rslc.api.RunListener;
import io.rslc.api.RunReport;
import io.rslc.api.TableName;
import io.rslc.internal.aws.DynamoDbTableLeases;
import io.rslc.internal.aws.dataapi.DataApiDataSource;
import io.rslc.internal.exec.LoggingListener;
import io.rslc.internal.store.CsvRuleStore;
import io.rslc.internal.store.IoErrors;
import io.rslc.internal.store.RuleStores;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.RuleStore;
import io.rslc.spi.TableLeases;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rslc run}: archives, deletes and maintains, table by table, slice by slice.
 *
 * <p>Why this file is long: it holds every option of a run (rslc's and the original Glue job's) together with the
 * checks that must pass before any table is touched (option values, output paths), so a mistake is found in one
 * place before a row is deleted.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Archive and delete due rows, slice by slice, each slice in one transaction.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every rule valid and every table done (busy tables are skipped, not failed)",
                "1:some rules invalid or some tables failed (or the warehouse cannot be reached); the others completed",
                ExitCodes.USAGE + "; a bad option value, an unwritable --report path or (with --write-checkpoints) "
                        + "config, found before any table runs", ExitCodes.INTERNAL, ExitCodes.INTERRUPTED})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "SOURCE",
            description = "Configuration: a CSV file in the original's format, or dynamodb://TABLE?region=R "
                    + "(or the original job's --dynamodb_table_name and --region_name).")
    String config;

    @Mixin
    GlueArguments glue;

    @Option(names = "--no-leases", description = "With a dynamodb:// config, do not coordinate workers through "
            + "DynamoDB leases (they are on by default).")
    boolean noLeases;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DataApiOptions dataApi;

    @Mixin
    ArchiveOptions archive;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Compute cutoffs as of this date (default: today in --zone).")
    LocalDate asOf;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of 'today' and of the warehouse session (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--only", paramLabel = "SCHEMA.TABLE", converter = TableNames.SelectionConverter.class,
            description = "Run only these tables (repeatable, or a.b,c.d; quote a part holding a dot or comma: s.\"a,b\").")
    List<TableNames.Selection> only = List.of();

    @Option(names = "--dry-run", description = "Plan against the live database (real slices and row counts); change nothing.")
    boolean dryRun;

    @Option(names = "--format", defaultValue = "text", description = "Dry-run output: text or json (default: ${DEFAULT-VALUE}).")
    PlanCommand.Format format;

    @Option(names = "--journal-schema", defaultValue = "rslc", paramLabel = "SCHEMA",
            description = "Schema of the journal table, created if absent (default: ${DEFAULT-VALUE}).")
    String journalSchema;

    @Option(names = "--statement-timeout-minutes", defaultValue = "20", paramLabel = "N",
            description = "Longest one statement may run (default: ${DEFAULT-VALUE}).")
    int statementTimeoutMinutes;

    @Option(names = "--batch-rows", defaultValue = "10000000", paramLabel = "N",
            description = "Process consecutive slices in one transaction up to N planned rows: one scan (PostgreSQL) "
                    + "or one UNLOAD (Redshift) and one DELETE; each slice still gets its own folder and journal row; "
                    + "0 = one slice per transaction (default: ${DEFAULT-VALUE}).")
    long batchRows;

    @Option(names = "--write-checkpoints",
            description = "With a CSV config: write each table's new checkpoint back into the file (one field "
                    + "changed, every other byte kept). Without it the file is never changed: the journal keeps the "
                    + "progress and the next run resumes from it. DynamoDB configs always get their checkpoints.")
    boolean writeCheckpoints;

    @Option(names = "--log-format", defaultValue = "text", description = "Logs on stderr: text or json (default: ${DEFAULT-VALUE}).")
    LogSetup.Format logFormat;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run report as JSON to FILE.")
    Path report;

    @Option(names = "--time-budget", paramLabel = "DURATION",
            description = "Start no transaction that is not expected to commit within DURATION of the start (ISO-8601"
                    + " like PT14M, or 90s, 15m, 2h): the tables it cannot finish are reported 'stopped' and the next"
                    + " run continues them. Default: no limit.")
    String timeBudget;

    enum WarehouseKind { auto, postgresql, redshift }

    @Option(names = "--warehouse", defaultValue = "auto",
            description = "Warehouse SQL dialect: ${COMPLETION-CANDIDATES}; auto picks it from the JDBC URL "
                    + "(jdbc:redshift: or jdbc:postgresql:), never from what the driver reports (default: ${DEFAULT-VALUE}).")
    WarehouseKind warehouse;

    @Option(names = {"--role-arn", "--role_arn"}, paramLabel = "ARN",
            description = "Redshift: the IAM role UNLOAD uses (default: IAM_ROLE default).")
    String roleArn;

    @Option(names = "--region", paramLabel = "REGION", description = "Redshift: the bucket region when a rule names none.")
    String region;

    @Override
    public Integer call() {
        LogSetup.configure(logFormat);
        checkNumbers();
        Duration budget = timeBudget == null ? null : parseBudget(timeBudget);
        String source = glue.configSource(config);
        if (region == null) {
            region = glue.regionName;
        }
        RuleStore store = RuleStores.open(source, writeCheckpoints);
        EmbeddedDatabase embedded = null;
        DynamoDbTableLeases leases = null;
        DataApiDataSource dataApiSource = null;
        Interrupts interrupts = dryRun ? null : Interrupts.install(spec.commandLine().getErr());
        try {
            if (!dryRun) {
                checkOutputs(store); // every file a run writes, before it touches any table
            }
            dataApiSource = dataApi.open(connection, warehouse, region);
            embedded = dataApiSource == null && connection.embedded() ? EmbeddedDatabase.start(connection.embeddedDir)
                    : null;
            leases = source.startsWith("dynamodb://") && !noLeases ? DynamoDbTableLeases.fromUri(source) : null;
            ConnectionOptions.Login db = dataApiSource != null ? null
                    : embedded != null ? new ConnectionOptions.Login(embedded.jdbcUrl(), null, null)
                    : connection.resolve(glue.regionName, warehouse == WarehouseKind.postgresql ? "postgresql"
                            : warehouse == WarehouseKind.redshift ? "redshift" : null);
            Rslc rslc = Rslc.configure()
                    .dataSource(dataApiSource != null ? dataApiSource
                            : new JdbcDataSource(db.jdbcUrl(), db.user(), db.password()))
                    .warehouse(dataApiSource != null ? warehouseFor(WarehouseOptions.DATA_API)
                            : warehouseFor(db.jdbcUrl()))
                    .ruleStore(store)
                    .leases(leases != null ? leases : TableLeases.none())
                    .zone(zone)
                    .statementTimeout(Duration.ofMinutes(statementTimeoutMinutes))
                    .journalSchema(journalSchema)
                    .batchRows(batchRows)
                    .listener(logFormat == LogSetup.Format.json
                            ? RunListener.of(ProgressBar.ifTerminal(), new LoggingListener(),
                                    EmfMetrics.writingTo(spec.commandLine().getErr(), Clock.systemUTC()))
                            : RunListener.of(ProgressBar.ifTerminal(), new LoggingListener()))
                    .load();
            LocalDate day = asOf != null ? asOf : LocalDate.now(Clock.system(zone));
            PlanOptions options = new PlanOptions(day, zone, null, new LinkedHashSet<>(TableNames.flatten(only)));
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                Plan plan = rslc.dryRun(options);
                if (format == PlanCommand.Format.json) {
                    PlanPrinter.json(plan, out);
                } else {
                    PlanPrinter.text(plan, out);
                }
                return plan.errors().stream().anyMatch(p -> p.field().equals("--only")) ? 2 : plan.clean() ? 0 : 1;
            }
            interrupts.onFirst(rslc::stop);
            RunReport result = budget == null ? rslc.run(options) : rslc.run(options, Instant.now().plus(budget));
            if (logFormat == LogSetup.Format.json) {
                spec.commandLine().getErr().println(EmfMetrics.run(result, System.currentTimeMillis()));
                spec.commandLine().getErr().flush();
            }
            ReportPrinter.summary(result, out);
            if (report != null) {
                writeReport(result);
            }
            if (interrupts.interrupted()) {
                ReportPrinter.interrupted(result, out);
                return Interrupts.EXIT;
            }
            if (result.problems().stream().anyMatch(p -> p.field().equals("--only"))) {
                return 2; // a selected table without a valid rule: a usage error, as in plan, status and verify
            }
            return result.succeeded() ? 0 : 1;
        } finally {
            if (interrupts != null) {
                interrupts.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            if (dataApiSource != null) {
                dataApiSource.close();
            }
            if (leases != null) {
                leases.close();
            }
            store.close();
        }
    }

    /** Numbers picocli reads but cannot judge: a usage error naming the option, before anything starts. */
    private void checkNumbers() {
        if (batchRows < 0) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "--batch-rows: must be 0 or more (0 = one slice "
                    + "per transaction), got " + batchRows);
        }
        if (statementTimeoutMinutes < 1) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "--statement-timeout-minutes: must be 1 or more, "
                    + "got " + statementTimeoutMinutes);
        }
    }

    /**
     * The files a run writes at its end are checked before it starts, so a typo in a path is found before any row
     * is deleted: the report's folder is created and written to (a probe file, removed), and a CSV that gets
     * checkpoints must be writable.
     */
    private void checkOutputs(RuleStore store) {
        if (store instanceof CsvRuleStore csv) {
            csv.checkWritable();
        }
        if (report == null) {
            return;
        }
        Path target = report.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "--report: " + report + " is a folder; give a file "
                    + "name such as " + report.resolve("report.json"));
        }
        try {
            Path folder = Files.createDirectories(target.getParent());
            Files.delete(Files.createTempFile(folder, ".rslc-report-", ".probe"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "--report: cannot write " + report + " ("
                    + IoErrors.describe(e) + "); nothing was run", e);
        }
    }

    /** {@code PT14M}, {@code 90s}, {@code 15m} or {@code 2h}; a usage error otherwise. */
    static Duration parseBudget(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.matches("\\d+[smh]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                d = null;
            }
            if (d != null && !d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            // reported below
        }
        throw new RslcException(RslcException.ErrorCode.USAGE, "--time-budget: expected a positive duration such as "
                + "PT14M, 90s, 15m or 2h, got '" + text + "'");
    }

    private void writeReport(RunReport result) {
        try {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(report, ReportPrinter.json(result) + "\n");
        } catch (IOException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "cannot write the report to " + report + ": "
                    + e.getMessage(), e);
        }
    }

    /** The warehouse: explicit, or chosen by the URL, never by what the driver says it is. */
    Warehouse warehouseFor(String url) {
        return WarehouseOptions.warehouseFor(warehouse, url, archive, roleArn, region, journalSchema);
    }
}
