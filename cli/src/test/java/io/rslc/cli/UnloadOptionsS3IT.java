package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The UNLOAD option columns end to end, from a CSV with the extra columns to files in S3 (s3proxy) and back:
 * FORMAT JSON with gzip, EXTENSION, ENCRYPTED with KMS_KEY_ID and unload_region; on PostgreSQL (rslc writes JSON
 * lines itself, verify counts them, restore reads them back) and on Redshift through the stand-in (the UNLOAD
 * carries every option, restore sends COPY ... FORMAT AS JSON 'auto').
 */
class UnloadOptionsS3IT {

    @TempDir
    Path tmp;

    RedshiftStandIn standIn;
    RedshiftStandIn.Urls urls;
    String prefix;

    @BeforeEach
    void setUp() throws Exception {
        standIn = RedshiftStandIn.start();
        urls = standIn.newDatabase();
        prefix = "options/" + System.nanoTime() + "/";
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

    /** JSON, gzip, eu-west-1, SSE-KMS, extension jsonl.gz: the original's columns, then the four new ones. */
    Path config() throws Exception {
        Path csv = tmp.resolve("rules.csv");
        String header = String.join(",", Stream.concat(RuleFields.ORIGINAL.stream(), RuleFields.UNLOAD_EXTRAS.stream())
                .toList());
        Files.writeString(csv, header + "\n" + "s,t,d,daily,5,s3://" + RedshiftStandIn.BUCKET + "/" + prefix
                + "t,JSON,,,,,,,gzip,,,eu-west-1,10,2,,1,alias/archive,jsonl.gz,\n");
        return csv;
    }

    Cli.Result rslc(Path config, boolean redshift, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--s3-endpoint",
                System.getProperty("rslc.standin.s3Endpoint")));
        all.addAll(redshift ? List.of("--jdbc-url", urls.redshift(), "--warehouse", "redshift", "--user", "postgres",
                "--role-arn", "arn:aws:iam::123456789012:role/rslc") : List.of("--jdbc-url", urls.postgres()));
        return Cli.run(all.toArray(String[]::new));
    }

    private List<String> dataFiles() {
        return standIn.s3().listObjectsV2Paginator(b -> b.bucket(RedshiftStandIn.BUCKET).prefix(prefix)).contents()
                .stream().map(S3Object::key).filter(k -> !k.endsWith("/manifest")).toList();
    }

    @Test
    void postgresWritesJsonLinesThatVerifyAndRestore() throws Exception {
        Path config = config();
        List<List<String>> original = rows("SELECT * FROM s.t WHERE d < DATE '2020-06-15' ORDER BY id");

        Cli.Result run = rslc(config, false, "run", "--as-of", "2020-06-20");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        assertThat(dataFiles()).hasSize(5).allSatisfy(k -> assertThat(k).endsWith("/0000_part_00.jsonl.gz"));
        Cli.Result verify = rslc(config, false, "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("Verified 5 slice generation(s): 150 row(s)");
        Cli.Result restored = rslc(config, false, "restore", "--table", "s.t");
        assertThat(restored.exit()).as(restored.out() + restored.err()).isZero();
        assertThat(rows("SELECT * FROM s.t_restored ORDER BY id")).isEqualTo(original);
    }

    @Test
    void redshiftUnloadsWithEveryOptionAndCopiesJsonBack() throws Exception {
        Path config = config();
        List<List<String>> original = rows("SELECT * FROM s.t WHERE d < DATE '2020-06-15' ORDER BY id");

        List<String> sent = standIn.record();
        Cli.Result run = rslc(config, true, "run", "--as-of", "2020-06-20");
        standIn.stopRecording();
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        // one batch of the 5 slices: one UNLOAD partitioned by slice, with every option
        assertThat(sent).filteredOn(sql -> sql.startsWith("UNLOAD")).singleElement().satisfies(sql -> assertThat(sql)
                .endsWith("IAM_ROLE 'arn:aws:iam::123456789012:role/rslc'\nFORMAT JSON\n"
                        + "PARTITION BY (\"rslc_slice\", \"rslc_gen\")\nGZIP\nENCRYPTED\n"
                        + "KMS_KEY_ID 'alias/archive'\nMANIFEST VERBOSE\nCLEANPATH\nREGION 'eu-west-1'\n"
                        + "EXTENSION 'jsonl.gz'"));
        assertThat(dataFiles()).hasSize(5).allSatisfy(k -> assertThat(k).endsWith("_part_00.jsonl.gz"));

        Cli.Result verify = rslc(config, true, "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("Verified 5 slice generation(s): 150 row(s)");
        List<String> copies = standIn.record();
        Cli.Result restored = rslc(config, true, "restore", "--table", "s.t");
        standIn.stopRecording();
        assertThat(restored.exit()).as(restored.out() + restored.err()).isZero();
        assertThat(copies).filteredOn(sql -> sql.startsWith("COPY")).hasSize(5)
                .allSatisfy(sql -> assertThat(sql).contains("/rslc_batch=2020-06-10_g1/rslc_slice=")
                        .contains("FORMAT AS JSON 'auto'").contains("GZIP").doesNotContain("MANIFEST"));
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
