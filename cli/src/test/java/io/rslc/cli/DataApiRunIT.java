package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.TableName;
import io.rslc.cli.standin.DataApiStandIn;
import io.rslc.cli.standin.RedshiftStandIn;
import io.rslc.internal.aws.dataapi.DataApiDataSource;
import io.rslc.internal.aws.dataapi.DataApiTarget;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code rslc run --data-api} end to end: the real Redshift Data API client of the SDK against the test-only
 * {@link DataApiStandIn}, which runs the statements through the JDBC Redshift stand-in (PostgreSQL, UNLOAD to
 * s3proxy). Archive, delete, journal, nothing due the second time (on a Serverless workgroup), the run lock held
 * by a Data API session, and a forced UNLOAD count mismatch that leaves the table and the journal as they were.
 */
class DataApiRunIT {

    static final String SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rslc-AbCdEf";

    @TempDir
    Path tmp;

    RedshiftStandIn standIn;
    RedshiftStandIn.Urls urls;
    DataApiStandIn api;
    String prefix;
    Path config;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) throws Exception {
        standIn = RedshiftStandIn.start();
        urls = standIn.newDatabase();
        api = new DataApiStandIn(urls.redshift());
        api.pageSize = 4; // the grouped scan's rows come in several pages
        prefix = "dataapi/" + info.getTestMethod().orElseThrow().getName() + "/";
        TestDatabase.exec(urls.postgres(), "CREATE SCHEMA s",
                "CREATE TABLE s.t (id BIGINT, d DATE, note TEXT)",
                "INSERT INTO s.t SELECT g, DATE '2020-06-01' + (g % 19), 'row ''' || g || ' ? x' FROM generate_series(1, 1900) g");
        config = tmp.resolve("rules.csv");
        Files.writeString(config, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,t,d,daily,10,s3://" + RedshiftStandIn.BUCKET + "/" + prefix + "t,,,,,,,,,,,,10,2,\n");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("rslc.standin.loseRows");
        api.close();
    }

    Cli.Result run(String... target) {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--as-of", "2020-06-20",
                "--data-api", "--data-api-endpoint", api.endpoint().toString(), "--database", api.database(),
                "--region", "us-east-1", "--role-arn", "arn:aws:iam::123456789012:role/unload", "--no-leases"));
        args.addAll(List.of(target));
        return Cli.run(args.toArray(String[]::new));
    }

    long count(String sql) throws Exception {
        return TestDatabase.count(urls.postgres(), sql);
    }

    List<Long> archivedIds() {
        List<Long> ids = new ArrayList<>();
        for (S3Object o : standIn.s3().listObjectsV2Paginator(b -> b.bucket(RedshiftStandIn.BUCKET).prefix(prefix))
                .contents()) {
            if (o.key().contains("_part_")) {
                standIn.s3().getObject(b -> b.bucket(RedshiftStandIn.BUCKET).key(o.key()), ResponseTransformer.toBytes())
                        .asString(StandardCharsets.UTF_8).lines()
                        .forEach(l -> ids.add(Long.parseLong(l.substring(0, l.indexOf('|')))));
            }
        }
        return ids;
    }

    @Test
    void archivesDeletesAndJournalsThroughTheDataApiThenAWorkgroupFindsNothingDue() throws Exception {
        Cli.Result first = run("--cluster-id", DataApiStandIn.CLUSTER, "--secret-arn", SECRET);

        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(count("SELECT count(*) FROM s.t WHERE d < DATE '2020-06-10'")).isZero();
        assertThat(count("SELECT count(*) FROM s.t")).isEqualTo(1000);
        assertThat(archivedIds()).hasSize(900).doesNotHaveDuplicates().allMatch(id -> id % 19 < 9);
        assertThat(count("SELECT count(*) FROM rslc.slice_journal")).isEqualTo(9);
        assertThat(count("SELECT sum(rows_archived) FROM rslc.slice_journal WHERE rows_deleted = rows_archived"))
                .isEqualTo(900);
        assertThat(count("SELECT count(*) FROM rslc.run_lock")).as("the lock is released").isZero();
        List<String> sent = List.copyOf(api.sent());
        // the 9 slices are one batch: one transaction in the session, the UNLOAD, its count and each slice's count
        // in it, then one DELETE, a journal row per slice, COMMIT
        assertThat(sent).filteredOn(s -> s.startsWith("UNLOAD")).singleElement().asString()
                .contains("PARTITION BY (\"rslc_slice\", \"rslc_gen\")");
        int unload = indexOf(sent, "UNLOAD");
        assertThat(sent.subList(unload - 1, unload + 4)).satisfiesExactly(
                s -> assertThat(s).isEqualTo("BEGIN ISOLATION LEVEL SERIALIZABLE"),
                s -> assertThat(s).startsWith("UNLOAD"),
                s -> assertThat(s).isEqualTo("SELECT pg_last_unload_count()"),
                s -> assertThat(s).startsWith("SELECT CAST(date_trunc('day', \"d\") AS DATE) AS slice_start"),
                s -> assertThat(s).startsWith("DELETE FROM \"s\".\"t\""));
        int commit = unload + 4 + sent.subList(unload + 4, sent.size()).indexOf("COMMIT");
        assertThat(sent.subList(unload + 4, commit)).isNotEmpty().allSatisfy(s -> assertThat(s)
                .startsWith("INSERT INTO \"rslc\".\"slice_journal\"").contains(":p1").doesNotContain("?"));
        // sessions are reused: a few logins for the whole run, all as the cluster with the secret
        assertThat(api.logins()).isNotEmpty().hasSizeLessThanOrEqualTo(3)
                .allMatch(l -> l.equals("cluster=" + DataApiStandIn.CLUSTER + " db=" + api.database() + " secret="
                        + SECRET));

        Cli.Result status = Cli.run("status", "--config", config.toString(), "--as-of", "2020-06-20", "--data-api",
                "--data-api-endpoint", api.endpoint().toString(), "--database", api.database(), "--region",
                "us-east-1", "--cluster-id", DataApiStandIn.CLUSTER, "--secret-arn", SECRET);
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).as("status reads the journal and the run log through the Data API")
                .containsPattern("s\\.t +d10 both 2020-06-10 2020-06-10 +9 / 900 +0 / 0 ok 20");

        int before = api.sent().size();
        Cli.Result again = run("--workgroup", DataApiStandIn.WORKGROUP);
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("0 row(s) archived");
        assertThat(api.sent().subList(before, api.sent().size())).noneMatch(s -> s.startsWith("UNLOAD"));
        assertThat(api.logins()).contains("workgroup=" + DataApiStandIn.WORKGROUP + " db=" + api.database() + " iam");
        assertThat(count("SELECT count(*) FROM rslc.slice_journal")).isEqualTo(9);
    }

    @Test
    void aForcedCountMismatchLeavesTheTableAndTheJournalUnchanged() throws Exception {
        System.setProperty("rslc.standin.loseRows", "1"); // pg_last_unload_count() says one row fewer

        Cli.Result r = run("--cluster-id", DataApiStandIn.CLUSTER, "--db-user", "rslc");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED s.t: slices [2020-06-01, 2020-06-10): UNLOAD wrote 899 row(s) but the "
                + "slices hold 900; rolled back, nothing deleted");
        assertThat(count("SELECT count(*) FROM s.t")).isEqualTo(1900);
        assertThat(count("SELECT count(*) FROM rslc.slice_journal")).isZero();
        assertThat(count("SELECT count(*) FROM rslc.run_lock")).isZero();
        List<String> sent = List.copyOf(api.sent());
        int counted = indexOf(sent, "SELECT pg_last_unload_count()") + 1; // the slices' counts
        assertThat(sent.subList(counted, sent.size())).as("the mismatch is found before the DELETE, then rolled back")
                .startsWith(sent.get(counted), "ROLLBACK");
        assertThat(sent).noneMatch(s -> s.startsWith("DELETE FROM \"s\""));
        assertThat(api.logins()).allMatch(l -> l.endsWith(" dbuser=rslc"));
    }

    @Test
    void theRunLockHeldByADataApiSessionKeepsARunOutUntilThatSessionEnds() throws Exception {
        TestDatabase.exec(urls.postgres(), "CREATE SCHEMA rslc");
        try (DataApiDataSource ds = dataSource();
             Connection holder = ds.getConnection()) {
            assertThat(new RedshiftWarehouse(null, null).tryLock(holder, new TableName("s", "t"))).isNotNull();
            assertThat(api.sessionIds()).hasSize(1);
            String session = api.sessionIds().get(0);

            Cli.Result busy = run("--cluster-id", DataApiStandIn.CLUSTER, "--secret-arn", SECRET);
            assertThat(busy.exit()).as(busy.out() + busy.err()).isZero();
            assertThat(busy.out()).contains("BUSY s.t: another rslc process is working on s.t; skipped");
            assertThat(count("SELECT count(*) FROM s.t")).isEqualTo(1900);

            api.endSession(session); // the holder crashed: its session's keep-alive ran out
            Thread.sleep(200);
            Cli.Result after = run("--cluster-id", DataApiStandIn.CLUSTER, "--secret-arn", SECRET);
            assertThat(after.exit()).as(after.out() + after.err()).isZero();
            assertThat(count("SELECT count(*) FROM s.t")).isEqualTo(1000);
            assertThat(count("SELECT count(*) FROM rslc.slice_journal")).isEqualTo(9);
        }
    }

    @Test
    void verifyAndRestoreReadTheJournalAndLoadTheArchiveBackThroughTheDataApi() throws Exception {
        String[] target = {"--cluster-id", DataApiStandIn.CLUSTER, "--secret-arn", SECRET};
        assertThat(run(target).exit()).isZero();
        System.setProperty("aws.accessKeyId", io.rslc.cli.standin.S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", io.rslc.cli.standin.S3TestServer.SECRET_KEY);
        try {
            List<String> common = List.of("--config", config.toString(), "--data-api", "--data-api-endpoint",
                    api.endpoint().toString(), "--database", api.database(), "--region", "us-east-1",
                    "--role-arn", "arn:aws:iam::123456789012:role/unload", "--s3-endpoint",
                    System.getProperty("rslc.standin.s3Endpoint"), target[0], target[1], target[2], target[3]);
            List<String> verifyArgs = new ArrayList<>(List.of("verify"));
            verifyArgs.addAll(common);
            Cli.Result verify = Cli.run(verifyArgs.toArray(String[]::new));
            assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("Verified 9 slice generation(s): 900 row(s)");

            List<String> restoreArgs = new ArrayList<>(List.of("restore", "--table", "s.t"));
            restoreArgs.addAll(common);
            Cli.Result restore = Cli.run(restoreArgs.toArray(String[]::new));
            assertThat(restore.exit()).as(restore.out() + restore.err()).isZero();
            assertThat(count("SELECT count(*) FROM s.t_restored")).isEqualTo(900);
            assertThat(count("SELECT count(*) FROM s.t_restored WHERE note = 'row ''' || id || ' ? x'"))
                    .isEqualTo(900);
            assertThat(api.sent()).anyMatch(sql -> sql.startsWith("COPY \"s\".\"t_restored\""));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void theDryRunsStatementsAreWhatTheDataApiRuns() throws Exception {
        try (DataApiDataSource ds = dataSource()) {
            io.rslc.Rslc rslc = io.rslc.Rslc.configure().dataSource(ds)
                    .warehouse(new RedshiftWarehouse("arn:aws:iam::123456789012:role/unload", "us-east-1"))
                    .ruleStore(io.rslc.internal.store.CsvRuleStore.of(config)).load();
            io.rslc.api.PlanOptions options = new io.rslc.api.PlanOptions(java.time.LocalDate.of(2020, 6, 20),
                    java.time.ZoneOffset.UTC, null, java.util.Set.of());
            List<String> planned = rslc.dryRun(options).tables().get(0).transactions().stream()
                    .flatMap(tx -> tx.sql().stream()).toList();
            assertThat(planned).hasSize(4); // one batch of 9 slices: UNLOAD, its count, the slices' counts, DELETE
            int before = api.sent().size();

            io.rslc.api.RunReport report = rslc.run(options);

            assertThat(report.tables().get(0).rowsDeleted()).isEqualTo(900);
            assertThat(api.sent().subList(before, api.sent().size())).containsSubsequence(planned);
        }
    }

    DataApiDataSource dataSource() {
        return new DataApiDataSource(software.amazon.awssdk.services.redshiftdata.RedshiftDataClient.builder()
                .endpointOverride(api.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .build(),
                new DataApiTarget(DataApiStandIn.CLUSTER, null, api.database(), SECRET, null),
                DataApiDataSource.Settings.defaults());
    }

    private static int indexOf(List<String> sent, String start) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no statement starting with " + start + " in " + sent);
    }
}
