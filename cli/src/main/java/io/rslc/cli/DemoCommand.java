package io.rslc.cli;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.RslcException;
import io.rslc.api.RunListener;
import io.rslc.api.RunReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TableReport;
import io.rslc.internal.archive.ArchiveReader;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.config.CsvRuleFormat;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.config.RuleRecord;
import io.rslc.internal.exec.LoggingListener;
import io.rslc.internal.store.CsvRuleStore;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rslc demo}: the sample configuration run for real on an embedded PostgreSQL with generated data, the
 * archive written to a local folder. Run it twice: the second run finds nothing due.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run the sample configuration on an embedded PostgreSQL with two years of generated rows.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo ran (or found nothing due)", "1:a demo table failed",
                "2:usage error (e.g. a bad --rows)", ExitCodes.INTERNAL, ExitCodes.INTERRUPTED})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = "rslc-demo", paramLabel = "DIR",
            description = "Where the demo keeps its database, config and archive (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--rows", defaultValue = "150000", paramLabel = "N",
            description = "Rows generated per table (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--days", defaultValue = "730", paramLabel = "N",
            description = "Days of history generated (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--reset", description = "Drop the demo tables, archive and config and start over.")
    boolean reset;

    @Override
    public Integer call() throws IOException {
        LogSetup.configure(LogSetup.Format.text);
        if (rows < 1 || days < 1) {
            throw new RslcException(RslcException.ErrorCode.USAGE, (rows < 1 ? "--rows" : "--days")
                    + ": must be 1 or more, got " + (rows < 1 ? rows : days));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path base = dir.toAbsolutePath().normalize();
        if (reset) {
            deleteTree(base.resolve("archive"));
            Files.deleteIfExists(base.resolve("config.csv"));
        }
        out.printf("rslc demo: embedded PostgreSQL in %s%n", base.resolve("pgdata"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(base.resolve("pgdata"))) {
            DemoData data = new DemoData(db.jdbcUrl());
            boolean created = data.ensure(reset, rows, days);
            out.println(created
                    ? String.format("created test.ret_test_1..4 with %,d rows each over %d days", rows, days)
                    : "demo tables exist; reusing them (use --reset to start over)");
            Path config = writeConfig(base);
            Rslc rslc = Rslc.configure()
                    .dataSource(db.jdbcUrl(), null, null)
                    .postgresql()
                    .ruleStore(CsvRuleStore.withCheckpoints(config)) // its own file, made by the demo
                    .listener(RunListener.of(ProgressBar.ifTerminal(), new LoggingListener()))
                    .load();
            PlanOptions today = rslc.today();
            Plan plan = rslc.dryRun(today);
            out.printf("%nconfig %s, as of %s%n", config, today.asOf());
            for (TablePlan t : plan.tables()) {
                out.printf("  %-16s cutoff %s  %4d slice(s)  %,9d row(s) due  %s%n", t.rule().table(),
                        t.cutoff().date(), t.slices().size(), t.rows(), t.error() == null ? "" : t.error());
            }
            out.flush();
            RunReport report;
            try (Interrupts interrupts = Interrupts.install(spec.commandLine().getErr())) {
                interrupts.onFirst(rslc::stop);
                report = rslc.run(today);
                if (interrupts.interrupted()) {
                    ReportPrinter.summary(report, out);
                    ReportPrinter.interrupted(report, out);
                    return Interrupts.EXIT;
                }
            }
            ReportPrinter.summary(report, out);
            if (report.rowsArchived() == 0 && report.rowsDeleted() == 0) {
                out.println("\nNothing was due: every row older than its cutoff was archived and deleted by an "
                        + "earlier run. Use --reset to start over.");
            }
            showArchive(report, out);
            return report.succeeded() ? 0 : 1;
        }
    }

    /** The sample configuration with its s3 paths mapped to local folders under the demo directory. */
    private static Path writeConfig(Path base) throws IOException {
        Path config = base.resolve("config.csv");
        if (Files.exists(config)) {
            return config;
        }
        byte[] sample;
        try (InputStream in = DemoCommand.class.getResourceAsStream("/rslc/demo/test_configuration.csv")) {
            if (in == null) {
                throw new RslcException(RslcException.ErrorCode.INTERNAL, "the demo's sample config is missing");
            }
            sample = in.readAllBytes();
        }
        CsvRuleFormat.Parsed parsed = CsvRuleFormat.parse("sample", sample);
        List<RuleRecord> mapped = new ArrayList<>();
        for (RuleRecord r : parsed.records()) {
            mapped.add(r.with(RuleFields.S3_PATH, base.resolve("archive").resolve(r.get(RuleFields.TABLE_NAME))
                    .toString()));
        }
        Files.createDirectories(base);
        Files.write(config, CsvRuleFormat.write(parsed.header(), mapped));
        return config;
    }

    /** Reads the manifests back and checks that they account for every archived row. */
    private static void showArchive(RunReport report, PrintWriter out) {
        out.println("\narchive:");
        for (TableReport t : report.tables()) {
            ArchiveLocation root = t.rule().unload().location();
            if (root == null) {
                continue;
            }
            ArchiveStore store = ArchiveStores.open(root, null);
            List<StoredFile> files = Files.isDirectory(root.folder()) ? store.list("") : List.of();
            long manifests = files.stream().filter(f -> f.key().endsWith("manifest")).count();
            long rowsInManifests = files.stream().filter(f -> f.key().endsWith("manifest"))
                    .mapToLong(f -> ArchiveReader.manifestRecordCount(store, f.key())).sum();
            out.printf("  %s: %d file(s) in %d slice folder(s), %,d row(s) listed in manifests%n", root.root(),
                    files.size() - manifests, manifests, rowsInManifests);
        }
        out.println("\nLook at it: find " + report.tables().get(0).rule().unload().location().root()
                + " | head; each slice folder has a JSON 'manifest' with per-file row counts.");
        out.println("Run `./rslc demo` again: nothing will be due.");
        out.flush();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
