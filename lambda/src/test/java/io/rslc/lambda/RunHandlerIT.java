package io.rslc.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rslc.cli.standin.S3TestServer;
import io.rslc.internal.aws.DynamoDbLocal;
import io.rslc.internal.aws.SecretsManagerStandIn;
import io.rslc.internal.config.RuleFields;
import io.rslc.testing.ArchiveRows;
import io.rslc.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Lambda handler end to end, in this JVM, with real events: PostgreSQL (embedded) as the warehouse, its login
 * in the Secrets Manager stand-in, the configuration loaded by a {@code load} event from s3proxy into DynamoDB
 * Local, and the archive written to s3proxy. A first {@code run} with a budget of a few seconds stops early
 * ({@code "complete": false}); a second finishes; the archive then holds every due row exactly once, the journal
 * one entry per slice, and the checkpoint the last due day.
 */
class RunHandlerIT {

    static final String BUCKET = "rslc-lambda-it";
    static final String PASSWORD = "pw-lambda-never-printed";
    static final int DAYS = 600;
    static final int ROWS_PER_DAY = 50;

    static String previousKey;
    static String previousSecret;

    @TempDir
    Path tmp;

    @BeforeAll
    static void credentials() {
        // the SDK's default chain reads these first; s3proxy checks them
        previousKey = System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        previousSecret = System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    }

    @AfterAll
    static void restore() {
        restore("aws.accessKeyId", previousKey);
        restore("aws.secretAccessKey", previousSecret);
    }

    static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    @Test
    void aBackfillSpansTwoInvocationsAndArchivesEveryRowOnce() throws Exception {
        String url = TestPostgres.newDatabase();
        Matcher m = Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/([^?]+)").matcher(url);
        assertThat(m.find()).as(url).isTrue();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA shop");
            st.execute("CREATE TABLE shop.events (id BIGINT PRIMARY KEY, d DATE NOT NULL, amount NUMERIC(12,2), "
                    + "note TEXT)"); // the columns ArchiveRows.parquet reads back
            st.execute("INSERT INTO shop.events SELECT g, DATE '2024-01-01' + (g / " + ROWS_PER_DAY + "), g / 4.0, "
                    + "'n' || g "
                    + "FROM generate_series(0, " + (DAYS * ROWS_PER_DAY - 1) + ") g");
        }
        LocalDate asOf = LocalDate.of(2024, 1, 1).plusDays(DAYS);
        int keptDays = 10;
        long due = (long) (DAYS - keptDays) * ROWS_PER_DAY;

        S3TestServer s3 = S3TestServer.shared();
        s3.bucket(BUCKET);
        String csv = String.join(",", RuleFields.ORIGINAL) + "\n"
                + "shop,events,d,daily," + keptDays + ",s3://" + BUCKET + "/archive/events,PARQUET,,,,,,,,,,,10,2,\n";
        s3.s3().putObject(b -> b.bucket(BUCKET).key("config/rules.csv"), RequestBody.fromString(csv));
        String table = DynamoDbLocal.uniqueTable("lambda");

        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put("prod/warehouse", "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":" + m.group(1)
                    + ",\"dbname\":\"" + m.group(2) + "\",\"username\":\"postgres\",\"password\":\"" + PASSWORD + "\"}");
            Map<String, String> env = new HashMap<>();
            env.put("RSLC_CONFIG", "dynamodb://" + table + "?region=us-east-1&endpoint="
                    + DynamoDbLocal.shared().endpoint());
            env.put("RSLC_LEASE_TABLE", table + "_leases");
            env.put("RSLC_SECRET_ID", "prod/warehouse");
            env.put("RSLC_SECRETS_ENDPOINT", secrets.endpoint().toString());
            env.put("RSLC_S3_ENDPOINT", s3.endpoint());
            env.put("RSLC_WAREHOUSE", "postgresql");
            env.put("RSLC_REGION", "us-east-1");
            env.put("RSLC_BATCH_ROWS", "500"); // ten days a transaction: 59 transactions
            RunHandler handler = new RunHandler(env);

            createConfigTable(table);
            JsonNode loaded = invoke(handler, "{\"action\": \"load\", \"bucket\": \"" + BUCKET
                    + "\", \"key\": \"config/rules.csv\"}");
            assertThat(loaded.get("loaded").asBoolean()).isTrue();

            long started = System.nanoTime();
            JsonNode first = invoke(handler, "{\"action\": \"run\", \"as_of\": \"" + asOf + "\", \"budget_seconds\": 3}");
            double firstSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(first.get("complete").asBoolean()).as(first.toString()).isFalse();
            assertThat(first.get("succeeded").asBoolean()).isTrue();
            JsonNode t1 = first.get("tables").get(0);
            assertThat(t1.get("status").asText()).isEqualTo("stopped");
            assertThat(t1.get("error").asText()).contains("slice(s) from").contains("remain for the next run");
            long firstRows = first.get("rowsDeleted").asLong();
            assertThat(firstRows).isPositive().isLessThan(due);
            assertThat(t1.get("maintenance")).isEmpty();

            started = System.nanoTime();
            JsonNode second = invoke(handler, "{\"action\": \"run\", \"as_of\": \"" + asOf + "\"}");
            double secondSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(second.get("complete").asBoolean()).as(second.toString()).isTrue();
            assertThat(second.get("tables").get(0).get("status").asText()).isEqualTo("ok");
            assertThat(second.get("tables").get(0).get("maintenance")).isNotEmpty();
            assertThat(firstRows + second.get("rowsDeleted").asLong()).isEqualTo(due);
            System.out.printf("two-invocation backfill: %,d rows; first (budget 3 s) %,d rows in %.1f s, "
                    + "second %,d rows in %.1f s%n", due, firstRows, firstSeconds,
                    second.get("rowsDeleted").asLong(), secondSeconds);

            // every due row archived exactly once, none left behind
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                var rs = st.executeQuery("SELECT count(*), min(d) FROM shop.events");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo((long) keptDays * ROWS_PER_DAY);
                assertThat(rs.getDate(2).toLocalDate()).isEqualTo(asOf.minusDays(keptDays));
                rs = st.executeQuery("SELECT count(*), count(DISTINCT slice_start), count(DISTINCT run_id), "
                        + "max(generation) FROM rslc.slice_journal");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(DAYS - keptDays);
                assertThat(rs.getLong(2)).isEqualTo(DAYS - keptDays);
                assertThat(rs.getLong(3)).isEqualTo(2);
                assertThat(rs.getInt(4)).isEqualTo(1);
            }
            Path local = download(s3, "archive/events/");
            List<String> archived = ArchiveRows.parquet(local);
            assertThat(archived).hasSize((int) due).doesNotHaveDuplicates();
            Map<String, String> checkpoints = new HashMap<>();
            DynamoDbLocal.shared().client().scan(ScanRequest.builder().tableName(table).build()).items()
                    .forEach(i -> checkpoints.put(i.get("table_name").s(), i.containsKey("checkpoint")
                            ? i.get("checkpoint").s() : null));
            assertThat(checkpoints).containsEntry("events", asOf.minusDays(keptDays + 1).toString());
        }
    }

    @Test
    void aConfigurationErrorFailsTheInvocationWithItsReason() {
        RunHandler handler = new RunHandler(Map.of("RSLC_CONFIG", tmp.resolve("missing.csv").toString(),
                "RSLC_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none", "RSLC_WAREHOUSE", "postgresql"));
        assertThatThrownBy(() -> invoke(handler, "{\"action\": \"run\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("rslc run failed (exit 2): rslc:")
                .hasMessageContaining("missing.csv");
        assertThatThrownBy(() -> invoke(handler, "{\"action\": \"unload everything\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected run or load");
    }

    void createConfigTable(String table) throws Exception {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, String.join(",", RuleFields.ORIGINAL) + "\n");
        int exit = io.rslc.cli.Main.run(new String[] {"config", "load", "--csv", empty.toString(), "--dynamodb-table",
                table, "--create-table", "--region", "us-east-1", "--endpoint",
                DynamoDbLocal.shared().endpoint().toString()}, new java.io.PrintWriter(System.out),
                new java.io.PrintWriter(System.err));
        assertThat(exit).isZero();
    }

    static JsonNode invoke(RunHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        String result = out.toString(StandardCharsets.UTF_8);
        assertThat(result).doesNotContain(PASSWORD);
        return new ObjectMapper().readTree(result);
    }

    Path download(S3TestServer s3, String prefix) throws Exception {
        Path root = tmp.resolve("download");
        for (S3Object o : s3.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
            Path target = root.resolve(o.key().substring(prefix.length()));
            Files.createDirectories(target.getParent());
            Files.write(target, s3.s3().getObject(b -> b.bucket(BUCKET).key(o.key()),
                    ResponseTransformer.toBytes()).asByteArray());
        }
        return root;
    }
}
