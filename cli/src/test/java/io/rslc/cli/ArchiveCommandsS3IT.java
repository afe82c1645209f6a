package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rslc.cli.standin.RedshiftStandIn;
import io.rslc.cli.standin.S3TestServer;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code status}, {@code verify} and {@code restore} over S3 (s3proxy): on PostgreSQL (rslc writes and reads the
 * files itself) and on Redshift through the stand-in (UNLOAD wrote them; restore sends COPY ... FROM the
 * manifest), with the real S3 client and the real Redshift JDBC driver.
 */
class ArchiveCommandsS3IT {

    @TempDir
    Path tmp;

    RedshiftStandIn standIn;
    RedshiftStandIn.Urls urls;
    String prefix;

    @BeforeEach
    void setUp() throws Exception {
        standIn = RedshiftStandIn.start();
        urls = standIn.newDatabase();
        prefix = "ops/" + System.nanoTime() + "/";
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
        TestDatabase.exec(urls.postgres(), "CREATE SCHEMA s", "CREATE TABLE s.t " + ArchiveCommandsIT.COLUMNS,
                String.format(ArchiveCommandsIT.TRICKY_ROWS, "t"));
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    Path config(String format, String escape) throws Exception {
        Path csv = tmp.resolve("rules.csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + "\n" + "s,t,d,daily,5,s3://"
                + RedshiftStandIn.BUCKET + "/" + prefix + "t," + format + ",,,,,," + escape + ",,,,,10,2,\n");
        return csv;
    }

    Cli.Result rslc(Path config, boolean redshift, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--s3-endpoint", System.getProperty("rslc.standin.s3Endpoint")));
        all.addAll(redshift ? List.of("--jdbc-url", urls.redshift(), "--warehouse", "redshift", "--user", "postgres",
                "--role-arn", "arn:aws:iam::123456789012:role/rslc") : List.of("--jdbc-url", urls.postgres()));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void postgresWithAnS3ArchiveVerifiesCleansAndRestores() throws Exception {
        Path config = config("CSV", "");
        List<List<String>> original = rows("SELECT * FROM s.t WHERE d < DATE '2020-06-15' ORDER BY id");
        assertThat(rslc(config, false, "run", "--as-of", "2020-06-20").exit()).isZero();
        assertThat(rslc(config, false, "verify").out()).contains("Verified 5 slice generation(s): 150 row(s)")
                .contains("0 finding(s) left");

        String orphan = prefix + "t/rslc_slice=2020-06-12/rslc_gen=2/0000_part_00.csv";
        standIn.s3().putObject(b -> b.bucket(RedshiftStandIn.BUCKET).key(orphan), RequestBody.fromString("1,x\n"));
        Cli.Result found = rslc(config, false, "verify", "--clean-orphans");
        assertThat(found.out()).contains("uncommitted-generation slice 2020-06-12 gen 2").contains("(removed)");
        assertThat(found.exit()).isZero();
        assertThat(standIn.s3().listObjectsV2(b -> b.bucket(RedshiftStandIn.BUCKET).prefix(orphan)).contents())
                .isEmpty();

        Cli.Result restored = rslc(config, false, "restore", "--table", "s.t");
        assertThat(restored.exit()).as(restored.out() + restored.err()).isZero();
        assertThat(rows("SELECT * FROM s.t_restored ORDER BY id")).isEqualTo(original);
    }

    @Test
    void redshiftStatusVerifyAndRestoreThroughCopyFromTheManifest() throws Exception {
        redshiftRoundTrip(false);
    }

    @Test
    void aRedshiftBatchIsVerifiedAndRestoredSliceBySliceFromItsFolders() throws Exception {
        redshiftRoundTrip(true);
    }

    /** batched: one UNLOAD for the 5 slices, restored by COPY from each slice's folder (the manifest is shared). */
    private void redshiftRoundTrip(boolean batched) throws Exception {
        Path config = config("PARQUET", "");
        List<List<String>> original = rows("SELECT * FROM s.t WHERE d < DATE '2020-06-15' ORDER BY id");
        Cli.Result run = rslc(config, true, "run", "--as-of", "2020-06-20", "--batch-rows", batched ? "1000" : "0");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        Cli.Result status = rslc(config, true, "status", "--as-of", "2020-06-20", "--format", "json");
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(status.out()).get("tables").get(0);
        assertThat(t.get("archived").get("rows").asLong()).isEqualTo(150);
        assertThat(t.get("oldestHot").asText()).isEqualTo("2020-06-15");

        Cli.Result verify = rslc(config, true, "verify");
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("Verified 5 slice generation(s): 150 row(s)");
        if (batched) {
            // a killed batch's leftovers: a slice folder and the batch's manifest, neither journaled
            String stray = prefix + "t/rslc_batch=2020-06-14_g1/";
            standIn.s3().putObject(b -> b.bucket(RedshiftStandIn.BUCKET).key(stray + "manifest"),
                    RequestBody.fromString("{\"entries\": []}"));
            standIn.s3().putObject(b -> b.bucket(RedshiftStandIn.BUCKET).key(stray
                    + "rslc_slice=2020-06-15/rslc_gen=1/0000_part_00.parquet"), RequestBody.fromString("x"));
            Cli.Result found = rslc(config, true, "verify");
            assertThat(found.exit()).as(found.out()).isEqualTo(1);
            assertThat(found.out()).contains("uncommitted-generation slice 2020-06-15 gen 1")
                    .contains("the manifest of a batch none of whose slices committed").doesNotContain("stray");
            assertThat(rslc(config, true, "verify", "--clean-orphans").exit()).isZero();
            assertThat(standIn.s3().listObjectsV2(b -> b.bucket(RedshiftStandIn.BUCKET).prefix(stray)).contents())
                    .isEmpty();
            assertThat(rslc(config, true, "verify").out()).contains("Verified 5 slice generation(s): 150 row(s)")
                    .contains("0 finding(s) left");
        }

        List<String> sent = standIn.record();
        Cli.Result restored = rslc(config, true, "restore", "--table", "s.t");
        standIn.stopRecording();
        assertThat(restored.exit()).as(restored.out() + restored.err()).isZero();
        if (batched) {
            assertThat(sent).filteredOn(sql -> sql.startsWith("COPY")).hasSize(5).anySatisfy(sql -> assertThat(sql)
                    .startsWith("COPY \"s\".\"t_restored\"\nFROM 's3://" + RedshiftStandIn.BUCKET + "/" + prefix
                            + "t/rslc_batch=2020-06-10_g1/rslc_slice=2020-06-12/rslc_gen=1/'\n"
                            + "IAM_ROLE 'arn:aws:iam::123456789012:role/rslc'\nFORMAT AS PARQUET"));
        } else {
            assertThat(sent).anySatisfy(sql -> assertThat(sql).startsWith("COPY \"s\".\"t_restored\"\nFROM 's3://"
                    + RedshiftStandIn.BUCKET + "/" + prefix + "t/rslc_slice=2020-06-10/rslc_gen=1/manifest'\n"
                    + "IAM_ROLE 'arn:aws:iam::123456789012:role/rslc'\nMANIFEST\nFORMAT AS PARQUET"));
        }
        assertThat(rows("SELECT * FROM s.t_restored ORDER BY id")).isEqualTo(original);
    }

    private List<List<String>> rows(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(urls.postgres()); Statement st = c.createStatement()) {
            st.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                List<List<String>> out = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }
}
