package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.cli.standin.S3TestServer;
import io.rslc.internal.aws.DynamoDbLocal;
import io.rslc.internal.aws.SecretsManagerStandIn;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * rslc in the original's AWS setup, against local stand-ins: configuration in DynamoDB Local (loaded with
 * {@code rslc config load}), credentials from the Secrets Manager stand-in, archives in s3proxy, PostgreSQL as the
 * warehouse; and several workers sharing one configuration through DynamoDB leases.
 */
class AwsRunIT {

    static final String PASSWORD = "pw-never-printed-42";

    @TempDir
    Path tmp;

    @Test
    void theGlueJobsArgumentsRunTheSampleFromDynamoDbWithASecretAndWriteCheckpointsBack() throws Exception {
        String url = TestDatabase.newDatabase();
        String db = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        new DemoData(url).ensure(true, 1000, 120);
        S3TestServer s3 = S3TestServer.shared();
        s3.bucket("redshift-data-test-vikas");
        String table = DynamoDbLocal.uniqueTable("glue");
        String endpoint = DynamoDbLocal.shared().endpoint().toString();
        Cli.Result load = Cli.run("config", "load", "--csv", "../sample/test_configuration.csv", "--dynamodb-table",
                table, "--create-table", "--region", "us-east-1", "--endpoint", endpoint);
        assertThat(load.exit()).as(load.err()).isZero();

        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put("prod/redshift", "{\"engine\":\"redshift\",\"host\":\"127.0.0.1\",\"port\":"
                    + TestDatabase.port() + ",\"dbname\":\"" + db + "\",\"username\":\"postgres\",\"password\":\""
                    + PASSWORD + "\"}");
            Path report = tmp.resolve("report.json");
            Process p = Cli.start(tmp.resolve("run"), List.of(),
                    Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY),
                    "run", "--region_name", "us-east-1", "--dynamodb_table_name", table, "--secret", "prod/redshift",
                    "--role_arn", "arn:aws:iam::1:role/unload", "--redshift_schema", "admin",
                    "--warehouse", "postgresql", "--dynamodb-endpoint", endpoint,
                    "--secrets-endpoint", secrets.endpoint().toString(),
                    "--s3-endpoint", s3.endpoint(), "--report", report.toString());
            int exit = Cli.await(p);
            String out = Cli.read(tmp.resolve("run/out.txt"));
            String err = Cli.read(tmp.resolve("run/err.txt"));
            assertThat(exit).as(out + err).isZero();
            assertThat(err).contains("TABLE: test.ret_test_4").contains("INFO: Updated the checkpoint from:  to: ");
            assertThat(out + err + Files.readString(report)).doesNotContain(PASSWORD);
        }
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, String> checkpoints = new HashMap<>();
        DynamoDbLocal.shared().client().scan(ScanRequest.builder().tableName(table).build()).items()
                .forEach(i -> checkpoints.put(i.get("table_name").s(), i.get("checkpoint").s()));
        assertThat(checkpoints).containsEntry("ret_test_1", today.minusDays(91).toString())
                .containsEntry("ret_test_4", today.withDayOfMonth(1).minusMonths(4).toString());
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM test.ret_test_1 WHERE load_date < CURRENT_DATE - 90")).isZero();
        long archivedObjects = s3.s3().listObjectsV2Paginator(b -> b.bucket("redshift-data-test-vikas")
                .prefix("ret_test_1/rslc_slice=")).contents().stream().filter(o -> o.key().endsWith(".parquet")).count();
        assertThat(archivedObjects).as("one Parquet file per due day (120 days of data, 91 kept)").isEqualTo(29);
    }

    @Test
    void twoWorkersShareTwentyTablesAndProcessEachOnce() throws Exception {
        String url = TestDatabase.newDatabase();
        List<String> sql = new ArrayList<>(List.of("CREATE SCHEMA w"));
        StringBuilder csv = new StringBuilder(String.join(",", RuleFields.ORIGINAL));
        for (int i = 1; i <= 20; i++) {
            sql.add("CREATE TABLE w.t" + i + " (id BIGINT, d DATE, v TEXT)");
            sql.add("INSERT INTO w.t" + i + " SELECT g, DATE '2020-06-01' + (g % 20), 'v' FROM generate_series(1, 4000) g");
            csv.append("\nw,t").append(i).append(",d,daily,10,").append(tmp.resolve("archive/t" + i))
                    .append(",,,,,,,,,,,,").append(i % 3).append(",2,");
        }
        TestDatabase.exec(url, sql.toArray(String[]::new));
        Path file = tmp.resolve("rules.csv");
        Files.writeString(file, csv);
        String table = DynamoDbLocal.uniqueTable("workers");
        String endpoint = DynamoDbLocal.shared().endpoint().toString();
        assertThat(Cli.run("config", "load", "--csv", file.toString(), "--dynamodb-table", table, "--create-table",
                "--region", "us-east-1", "--endpoint", endpoint).exit()).isZero();
        String config = DynamoDbLocal.shared().uri(table);

        Process a = Cli.start(tmp.resolve("a"), List.of(), "run", "--config", config, "--jdbc-url", url, "--as-of",
                "2020-06-20", "--batch-rows", "1000");
        Process b = Cli.start(tmp.resolve("b"), List.of(), "run", "--config", config, "--jdbc-url", url, "--as-of",
                "2020-06-20", "--batch-rows", "1000");
        assertThat(Cli.await(a)).as(Cli.read(tmp.resolve("a/err.txt"))).isZero();
        assertThat(Cli.await(b)).as(Cli.read(tmp.resolve("b/err.txt"))).isZero();

        Map<String, List<String>> runsByTable = new HashMap<>();
        long archived = 0;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, run_id, rows_archived, generation FROM rslc.slice_journal")) {
            while (rs.next()) {
                runsByTable.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                archived += rs.getLong(3);
                assertThat(rs.getInt(4)).isEqualTo(1);
            }
        }
        assertThat(runsByTable).hasSize(20);
        assertThat(runsByTable.values()).allSatisfy(runs -> assertThat(runs.stream().distinct()).hasSize(1));
        Map<String, Long> perRun = runsByTable.values().stream()
                .collect(Collectors.groupingBy(r -> r.get(0), Collectors.counting()));
        assertThat(archived).isEqualTo(20L * 9 * 200); // 9 due days of 200 rows per table
        for (int i = 1; i <= 20; i++) {
            assertThat(TestDatabase.count(url, "SELECT count(*) FROM w.t" + i)).isEqualTo(11 * 200);
        }
        String logs = Cli.read(tmp.resolve("a/err.txt")) + Cli.read(tmp.resolve("b/err.txt"));
        assertThat(perRun.size() == 2 || logs.contains("holds the lease"))
                .as("both workers took tables, or one found the other's leases: " + perRun).isTrue();
        Map<String, AttributeValue> lease = DynamoDbLocal.shared().client().scan(b2 -> b2.tableName(table + "_leases"))
                .items().stream().findFirst().orElse(Map.of());
        assertThat(lease).as("leases are released at the end").isEmpty();
    }
}
