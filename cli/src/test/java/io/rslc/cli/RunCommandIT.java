package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rslc run} as a user runs it: a separate JVM, a CSV config, a real PostgreSQL. */
class RunCommandIT {

    @TempDir
    Path tmp;

    String url;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        url = TestDatabase.newDatabase();
        TestDatabase.exec(url, "CREATE SCHEMA s",
                "CREATE TABLE s.a (id BIGINT, d DATE, v TEXT)",
                "INSERT INTO s.a SELECT g, DATE '2020-06-10' + (g % 10), 'v' || g FROM generate_series(1, 1000) g",
                "CREATE TABLE s.b (id BIGINT, d DATE)",
                "INSERT INTO s.b SELECT g, DATE '2020-06-10' + (g % 10) FROM generate_series(1, 100) g");
        config = tmp.resolve("rules.csv");
        Files.writeString(config, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,a,d,daily,5," + tmp.resolve("archive/a") + ",CSV,,1,,,,,gzip,,,,10,2,\n"
                + "s,missing,d,daily,5,,,,,,,,,,,,,20,1,\n"
                + "s,b,d,daily,5,,,,,,,,,,,,,30,1,\n"
                + "s,bad,d,weekly,5,,,,,,,,,,,,,40,1,");
    }

    Cli.Result run(Path dir, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--config", config.toString(), "--jdbc-url", url));
        if (!List.of(extra).contains("--as-of")) {
            args.addAll(List.of("--as-of", "2020-06-20"));
        }
        args.addAll(List.of(extra));
        Process p = Cli.start(dir, List.of(), args.toArray(String[]::new));
        int exit = Cli.await(p);
        return new Cli.Result(exit, Cli.read(dir.resolve("out.txt")), Cli.read(dir.resolve("err.txt")));
    }

    @Test
    void runLogsInTheOriginalsWordsReportsAndExitsOneForTheBadOnes() throws Exception {
        Path report = tmp.resolve("report.json");
        Cli.Result r = run(tmp.resolve("run1"), "--report", report.toString(), "--write-checkpoints");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("TABLE: s.a")
                .contains("INFO: Unloaded 5 day(s) of data comprising 500 row(s) to location: " + tmp.resolve("archive/a"))
                .contains("INFO: Deleted 5 day(s) of data comprising 500 row(s)")
                .contains("INFO: Vacuum done successfully")
                .contains("INFO: Updated the checkpoint from:  to: 2020-06-14")
                .contains("ERROR: s.missing failed: table s.missing does not exist")
                .contains("INFO: Deleted 5 day(s) of data comprising 50 row(s)")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).contains("FAILED s.missing: table s.missing does not exist")
                .contains("ERROR: " + config + " line 5, granularity_level: must be daily or monthly, got 'weekly'")
                .contains("550 row(s) deleted");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.a")).isEqualTo(500);
        assertThat(Files.readString(config)).contains("s,a,d,daily,5,").contains(",10,2,2020-06-14");

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("succeeded").asBoolean()).isFalse();
        assertThat(json.get("rowsArchived").asLong()).isEqualTo(500);
        JsonNode a = json.get("tables").get(0);
        assertThat(a.get("table").asText()).isEqualTo("a");
        assertThat(a.get("status").asText()).isEqualTo("ok");
        assertThat(a.get("slices")).hasSize(5);
        assertThat(a.get("checkpointAfter").asText()).isEqualTo("2020-06-14");
        assertThat(json.get("tables").get(1).get("status").asText()).isEqualTo("failed");
        assertThat(json.get("errors").get(0).get("line").asInt()).isEqualTo(5);

        Cli.Result again = run(tmp.resolve("run2"));
        assertThat(again.err()).contains("INFO: Nothing due below the cutoff 2020-06-15");
        assertThat(again.out()).contains("0 row(s) archived, 0 row(s) deleted");
    }

    /**
     * Issue 16: a run leaves the configuration as it is, byte for byte (even read-only, with no lock or temporary file
     * beside it); the next run resumes from the journal. With --write-checkpoints only the checkpoint field changes.
     */
    @Test
    void theConfigurationIsNeverRewrittenUnlessAsked() throws Exception {
        Files.writeString(config, String.join(",", RuleFields.ORIGINAL) + "\r\n"
                + "s,a,d,daily,5,\"" + tmp.resolve("archive/a") + "\",,,,,,,,,,,,10,0,\r\n"
                + "s,b,d,daily,5,,,,,,,,,,,,,30,1,\r\n");
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(config);

        Cli.Result r = run(tmp.resolve("run1"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("INFO: Unloaded 5 day(s) of data comprising 500 row(s)")
                .contains("INFO: checkpoint 2020-06-14 (the last committed slice) is kept in the journal; " + config
                        + " is not changed (write it there with --write-checkpoints)")
                .doesNotContain("Updated the checkpoint");
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("rules.csv.lock", "rules.csv.tmp");
        }

        Cli.Result again = run(tmp.resolve("run2"), "--as-of", "2020-06-22");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("INFO: Unloaded 2 day(s) of data comprising 200 row(s)");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM rslc.slice_journal WHERE table_name = 'a'"))
                .as("each day archived once").isEqualTo(7);

        Cli.Result refused = run(tmp.resolve("run3"), "--write-checkpoints", "--as-of", "2020-06-23");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("rslc: error: cannot write checkpoints to " + config + ": the file is "
                + "read-only");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM rslc.slice_journal WHERE table_name = 'a'"))
                .as("nothing ran").isEqualTo(7);

        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result written = run(tmp.resolve("run4"), "--write-checkpoints", "--as-of", "2020-06-23");
        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.err()).contains("INFO: Updated the checkpoint from:  to: 2020-06-17");
        assertThat(Files.readString(config)).isEqualTo(new String(before, java.nio.charset.StandardCharsets.UTF_8)
                .replace(",10,0,\r\n", ",10,0,2020-06-17\r\n").replace(",30,1,\r\n", ",30,1,2020-06-17\r\n"));
    }

    @Test
    void jsonLogsAndDryRun() throws Exception {
        Files.writeString(config, Files.readString(config).replace("\ns,bad,d,weekly,5,,,,,,,,,,,,,40,1,", ""));
        Cli.Result dry = run(tmp.resolve("dry"), "--dry-run", "--only", "s.a");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("slice [2020-06-10, 2020-06-11): 100 row(s)").contains("TO STDOUT WITH (FORMAT csv");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.a")).isEqualTo(1000);

        Cli.Result json = run(tmp.resolve("json"), "--log-format", "json", "--only", "s.b");
        assertThat(json.exit()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = json.err().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).isNotEmpty();
        // every line is a log event or an Embedded Metric Format line (one per table, one per run)
        assertThat(lines).allSatisfy(l -> assertThat(mapper.readTree(l).has("level") || mapper.readTree(l).has("_aws"))
                .isTrue());
        assertThat(lines).filteredOn(l -> l.startsWith("{\"_aws\"")).hasSize(2)
                .anySatisfy(l -> assertThat(mapper.readTree(l).get("Table").asText()).isEqualTo("s.b"))
                .anySatisfy(l -> assertThat(mapper.readTree(l).get("RowsDeleted").asLong()).isEqualTo(50));
        assertThat(lines).anySatisfy(l -> assertThat(mapper.readTree(l).get("formattedMessage").asText())
                .isEqualTo("TABLE: s.b"));
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(Cli.run("run", "--config", config.toString(), "--jdbc-url", "jdbc:mysql://x/y?password=secret")
                .err()).contains("unsupported JDBC URL").contains("password=***").doesNotContain("secret");
        Cli.Result missingEnv = Cli.run("run", "--config", config.toString(), "--jdbc-url", url,
                "--password-env", "RSLC_TEST_SURELY_UNSET");
        assertThat(missingEnv.exit()).isEqualTo(2);
        assertThat(missingEnv.err()).contains("RSLC_TEST_SURELY_UNSET");
    }
}
