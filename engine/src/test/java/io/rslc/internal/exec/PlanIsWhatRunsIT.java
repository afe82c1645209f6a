package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Mode;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TransactionPlan;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.testing.MemoryRuleStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan is what runs: {@code dryRun} and then {@code run} on the same data, and the statements PostgreSQL's own
 * statement log ({@code log_statement = all}) received during the run are exactly the dry run's transactions'
 * statements and maintenance, in order. From the run's log this test removes only what is not the plan's: every
 * statement the dry run itself sent (planning reads: the grouped count, column and index probes, the heap scan;
 * session setup), the journal's and run lock's bookkeeping in the {@code rslc} schema, and transaction control
 * (BEGIN, COMMIT, ROLLBACK, and the isolation level JDBC sets before each transaction), and the JDBC driver's own
 * catalog read of a result set's columns.
 * The dry run's own log must hold none of the plan's statements (it changes nothing).
 */
class PlanIsWhatRunsIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);
    static final Pattern ENTRY = Pattern.compile("^@@([^@]*)@@LOG:  (?:statement|execute [^:]*): ",
            Pattern.MULTILINE);

    static EmbeddedPostgres server;
    static Path log;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        log = dir.resolve("postgres.log");
        server = EmbeddedPostgres.builder()
                .setServerConfig("log_statement", "all")
                .setServerConfig("log_line_prefix", "@@%d@@") // passed through a shell by pg_ctl: no spaces or pipes
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", dir.toString())
                .setServerConfig("log_filename", "postgres.log")
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void batchedParquetSendsExactlyTheDryRunsStatements() throws Exception {
        check("batched", 1_000_000, FileFormat.PARQUET, Granularity.DAILY);
    }

    @Test
    void batchedCsvSortedAcrossManySlicesSendsExactlyTheDryRunsStatements() throws Exception {
        check("sorted", 1_000_000, FileFormat.CSV, Granularity.DAILY);
    }

    @Test
    void oneSlicePerTransactionSendsExactlyTheDryRunsStatements() throws Exception {
        check("single", 0, FileFormat.CSV, Granularity.MONTHLY);
    }

    void check(String db, long batchRows, FileFormat format, Granularity granularity) throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        }
        JdbcDataSource ds = new JdbcDataSource(server.getJdbcUrl("postgres", db), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.\"Sales \"\"EU\"\"\" (id BIGINT, d DATE, amount NUMERIC(12,2), note TEXT)");
            // 400 days of rows, the 100 newest kept: many more due days than a writer keeps files open
            st.execute("INSERT INTO s.\"Sales \"\"EU\"\"\" SELECT g, DATE '2019-05-01' + g / 7, g / 4.0, 'n' || g"
                    + " FROM generate_series(0, 7 * 400 - 1) g");
        }
        Rule rule = Rule.builder().table("s", "Sales \"EU\"").column("d").granularity(granularity)
                .retention(granularity == Granularity.DAILY ? 100 : 3).mode(Mode.UNLOAD_AND_DELETE).priority(1)
                .unload(UnloadOptions.builder().format(format).location(ArchiveLocation.local(tmp.resolve(db)))
                        .build())
                .build();
        MemoryRuleStore store = new MemoryRuleStore(rule);
        Rslc rslc = Rslc.configure().dataSource(ds).postgresql().ruleStore(store).batchRows(batchRows).load();
        PlanOptions options = new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of());

        int before = logLength();
        Plan plan = rslc.dryRun(options);
        List<String> dryRunSent = sent(db, before);
        before = logLength();
        RunReport report = rslc.run(options);
        List<String> runSent = sent(db, before);

        assertThat(report.succeeded()).as(String.valueOf(report)).isTrue();
        TablePlan table = plan.tables().get(0);
        List<String> planned = new ArrayList<>();
        table.transactions().forEach(t -> planned.addAll(t.sql()));
        planned.addAll(table.maintenance());
        assertThat(table.transactions()).isNotEmpty();
        if (batchRows > 0) {
            assertThat(table.transactions()).hasSizeLessThan(table.slices().size());
        } else {
            assertThat(table.transactions()).allSatisfy(t -> assertThat(t.slices()).hasSize(1));
        }
        assertThat(report.rowsDeleted()).isEqualTo(table.rows()).isPositive();

        List<String> fromPlan = runSent.stream()
                .filter(s -> !dryRunSent.contains(s))
                .filter(s -> !s.contains("\"rslc\"") && !s.contains("pg_try_advisory_lock")
                        && !s.contains("pg_advisory_unlock"))
                .filter(s -> !Set.of("BEGIN", "COMMIT", "ROLLBACK").contains(s.strip())
                        && !s.startsWith("SET SESSION CHARACTERISTICS AS TRANSACTION"))
                .filter(s -> !(s.startsWith("SELECT c.oid, a.attnum") && s.contains("FROM pg_catalog.pg_class c")))
                .toList();
        assertThat(fromPlan).containsExactlyElementsOf(planned);
        assertThat(dryRunSent).doesNotContainAnyElementsOf(planned);
        if (batchRows > 0) { // 300 due days: sorted or in heap order, not one file per run of interleaved rows
            assertThat(planned).anyMatch(s -> s.startsWith("SET LOCAL"));
        }
        for (TransactionPlan t : table.transactions()) {
            assertThat(t.sql()).anyMatch(s -> s.startsWith("DELETE FROM \"s\".\"Sales \"\"EU\"\"\""));
        }
    }

    static int logLength() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).length() : 0;
    }

    /** The statements database {@code db} received after offset {@code from} of the log, in order. */
    static List<String> sent(String db, int from) throws IOException, InterruptedException {
        Thread.sleep(300); // the logging collector writes asynchronously
        String text = Files.readString(log, StandardCharsets.UTF_8).substring(from);
        List<String> out = new ArrayList<>();
        var m = ENTRY.matcher(text);
        int start = -1;
        String entryDb = null;
        while (true) {
            boolean found = m.find();
            if (start >= 0) {
                int end = found ? m.start() : text.length();
                String body = text.substring(start, end);
                int next = body.indexOf("\n@@"); // a DETAIL or other line of the next entry
                body = next >= 0 ? body.substring(0, next) : body;
                if (db.equals(entryDb)) {
                    out.add(body.stripTrailing());
                }
            }
            if (!found) {
                return out;
            }
            start = m.end();
            entryDb = m.group(1);
        }
    }
}
