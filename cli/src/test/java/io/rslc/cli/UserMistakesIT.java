package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes a new user made (issue 16), each answered by one clear line naming the row, the field and the
 * reason, with the exit code the commands document, and with nothing touched in the warehouse.
 */
class UserMistakesIT {

    static final String HEADER = String.join(",", RuleFields.ORIGINAL);

    @TempDir
    Path tmp;

    String url;

    @BeforeEach
    void setUp() throws Exception {
        url = TestDatabase.newDatabase();
        TestDatabase.exec(url, "CREATE SCHEMA s", "CREATE TABLE s.t (id BIGINT, d DATE)",
                "INSERT INTO s.t SELECT g, DATE '2020-06-01' + (g % 10) FROM generate_series(1, 100) g");
    }

    Path config(String... rows) throws Exception {
        Path file = tmp.resolve("rules.csv");
        Files.writeString(file, HEADER + "\n" + String.join("\n", rows) + "\n");
        return file;
    }

    @Test
    void aMistypedS3PathIsRejectedAlikeByValidatePlanAndRunAndNothingIsDeleted() throws Exception {
        Path config = config("s,t,d,daily,5,s3:/bad path,,,,,,,,,,,,10,2,");
        String expected = "ERROR: " + config + " line 2, s3_path: looks like an S3 location but is not "
                + "s3://bucket/prefix (two slashes after 's3:', then the bucket), got 's3:/bad path'";

        Cli.Result validate = Cli.run("config", "validate", "--config", config.toString());
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out()).contains(expected).contains("0 valid rule(s), 1 error(s)");

        for (String warehouse : new String[] {"redshift", "postgresql"}) {
            Cli.Result plan = Cli.run("plan", "--config", config.toString(), "--as-of", "2020-06-20", "--warehouse",
                    warehouse);
            assertThat(plan.exit()).as(warehouse).isEqualTo(1);
            assertThat(plan.out()).as(warehouse).contains(expected).contains("0 table(s) planned, 1 configuration error(s)");
        }

        Cli.Result run = Cli.run("run", "--config", config.toString(), "--jdbc-url", url, "--as-of", "2020-06-20");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(expected).contains("0 table(s), 0 failed, 0 row(s) archived, 0 row(s) deleted, "
                + "1 invalid rule(s)");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t")).isEqualTo(100);
        assertThat(Path.of("s3:")).as("no folder named after the mistyped path").doesNotExist();
    }

    @Test
    void aRelativeLocalPathIsRefusedWithTheWayToSayIt() throws Exception {
        Path config = config("s,t,d,daily,5,archive/t,,,,,,,,,,,,10,2,");
        Cli.Result validate = Cli.run("config", "validate", "--config", config.toString());
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out()).contains("ERROR: " + config + " line 2, s3_path: is a relative path, which would be "
                + "resolved against the folder rslc runs in; write an absolute path (/archive/x) or file:///archive/x for"
                + " a local folder, or s3://bucket/prefix, got 'archive/t'");

        Path absolute = config("s,t,d,daily,5,file://" + tmp.resolve("archive") + ",,,,,,,,,,,,10,2,");
        Cli.Result run = Cli.run("run", "--config", absolute.toString(), "--jdbc-url", url, "--as-of", "2020-06-20");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t")).as("every row was due").isZero();
        assertThat(tmp.resolve("archive").resolve("rslc_slice=2020-06-01")).isDirectory();
    }

    @Test
    void aLocalFolderOnRedshiftIsAPlanErrorCountedInTheSummary() throws Exception {
        Path config = config("s,t,d,daily,5," + tmp.resolve("archive") + ",,,,,,,,,,,,10,2,");
        Cli.Result plan = Cli.run("plan", "--config", config.toString(), "--as-of", "2020-06-20");
        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.out()).contains("ERROR: " + config + " line 2, s3_path: must be an s3:// folder to UNLOAD from "
                + "Redshift").contains("1 table(s) planned, 1 of them cannot run as configured (ERROR above), "
                + "0 configuration error(s)");
        assertThat(Cli.run("plan", "--config", config.toString(), "--as-of", "2020-06-20", "--warehouse",
                "postgresql").exit()).isZero();
    }

    static void assertOneLineUsageError(Cli.Result r, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rslc: error: " + message + System.lineSeparator());
    }

    @Test
    void aNegativeBatchRowsIsAUsageErrorNamingTheOption() throws Exception {
        Path config = config("s,t,d,daily,5," + tmp.resolve("archive") + ",,,,,,,,,,,,10,2,");
        assertOneLineUsageError(Cli.run("run", "--config", config.toString(), "--jdbc-url", url, "--batch-rows", "-1"),
                "--batch-rows: must be 0 or more (0 = one slice per transaction), got -1");
        assertOneLineUsageError(Cli.run("run", "--config", config.toString(), "--jdbc-url", url,
                "--statement-timeout-minutes", "0"), "--statement-timeout-minutes: must be 1 or more, got 0");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t")).isEqualTo(100);
    }

    @Test
    void aBadReportPathIsFoundBeforeAnyRowIsDeleted() throws Exception {
        Path config = config("s,t,d,daily,5," + tmp.resolve("archive") + ",,,,,,,,,,,,10,2,");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli.Result underAFile = Cli.run("run", "--config", config.toString(), "--jdbc-url", url, "--report",
                file.resolve("report.json").toString());
        assertOneLineUsageError(underAFile, "--report: cannot write " + file.resolve("report.json") + " (not a folder: "
                + file + "); nothing was run");
        Cli.Result unwritable = Cli.run("run", "--config", config.toString(), "--jdbc-url", url, "--report",
                "/proc/rslc-report.json");
        assertThat(unwritable.exit()).isEqualTo(2);
        assertThat(unwritable.err()).startsWith("rslc: error: --report: cannot write /proc/rslc-report.json (")
                .endsWith("); nothing was run" + System.lineSeparator());
        assertOneLineUsageError(Cli.run("run", "--config", config.toString(), "--jdbc-url", url, "--report",
                tmp.toString()), "--report: " + tmp + " is a folder; give a file name such as " + tmp.resolve("report.json"));
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t")).isEqualTo(100);
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'rslc'"))
                .as("not even the journal was created").isZero();
    }

    @Test
    void anEmptyFileIsAUsageErrorAndAHeaderWithoutRowsAWarning() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
        String noHeader = empty + " is empty: no header; the first line must be the header naming the fields ("
                + HEADER + ")";
        assertOneLineUsageError(Cli.run("config", "validate", "--config", empty.toString()), noHeader);
        assertOneLineUsageError(Cli.run("plan", "--config", empty.toString()), noHeader);
        assertOneLineUsageError(Cli.run("run", "--config", empty.toString(), "--jdbc-url", url), noHeader);

        Path headerOnly = Files.writeString(tmp.resolve("header.csv"), HEADER + "\n");
        String warning = "WARNING: " + headerOnly + ": no rules: the file has a header and no rows, so there is "
                + "nothing to do";
        Cli.Result validate = Cli.run("config", "validate", "--config", headerOnly.toString());
        assertThat(validate.exit()).isZero();
        assertThat(validate.out()).contains(warning).contains("0 valid rule(s), 0 error(s), 1 warning(s)");
        Cli.Result plan = Cli.run("plan", "--config", headerOnly.toString());
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains(warning);
        Cli.Result run = Cli.run("run", "--config", headerOnly.toString(), "--jdbc-url", url);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(warning).contains("0 table(s), 0 failed");
    }

    @Test
    void anUnterminatedQuoteIsReportedWhereItStarts() throws Exception {
        Path config = config("s,t,d,daily,5,\"/tmp/a,,,,,,,,,,,,10,2,", "s,u,d,daily,5,/tmp/b,,,,,,,,,,,,10,2,");
        Cli.Result r = Cli.run("config", "validate", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("ERROR: " + config + " line 2: unterminated quote starting at line 2 (field 6): "
                + "everything after it, to the end of the file at line 4, was read as one field")
                .doesNotContain("fields; the header has");
    }

    @Test
    void binaryGarbageIsNeverEchoed() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(16).nextBytes(garbage);
        Path binary = Files.write(tmp.resolve("binary.csv"), garbage);
        Cli.Result r = Cli.run("config", "validate", "--config", binary.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).matches("rslc: error: " + java.util.regex.Pattern.quote(binary.toString())
                + " is not (a text file: a NUL byte|UTF-8 text: byte 0x[0-9A-F]{2}) at line \\d+.*\\R");

        // valid UTF-8 full of terminal escapes, in a header and in values: every one escaped, nothing else changed
        String esc = "\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e";
        Path escapes = Files.writeString(tmp.resolve("escapes.csv"), HEADER + ",x" + esc + "\n"
                + "s,t,d," + esc + ",5,/tmp/a,,,,,,,,,,,,10,2,,\n");
        Cli.Result v = Cli.run("config", "validate", "--config", escapes.toString());
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out() + v.err()).doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u202e]")
                .contains("x\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m<U+202E>");
    }

    @Test
    void aStoppedServerAndAMissingDatabaseReadDifferentlyAndLeakNoPassword() throws Exception {
        Path config = config("s,t,d,daily,5," + tmp.resolve("archive") + ",,,,,,,,,,,,10,2,");
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Cli.Result down = Cli.run("run", "--config", config.toString(), "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/db?password=hunter2&connectTimeout=5");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.err()).startsWith("rslc: error: cannot connect to the warehouse: connection refused (is the "
                + "server running and listening at that host and port?): ").contains("(SQLSTATE 08001)")
                .doesNotContain("journal").doesNotContain("hunter2").hasLineCount(1);

        String missingDb = url.replaceFirst("/cli\\d+", "/no_such_db") + "&password=hunter2";
        Cli.Result missing = Cli.run("run", "--config", config.toString(), "--jdbc-url", missingDb);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("rslc: error: cannot connect to the warehouse: the database does not "
                + "exist: database \"no_such_db\" does not exist (SQLSTATE 3D000)").doesNotContain("journal")
                .doesNotContain("hunter2").hasLineCount(1);

        Cli.Result dry = Cli.run("run", "--config", config.toString(), "--jdbc-url", missingDb, "--dry-run");
        assertThat(dry.err()).startsWith("rslc: error: cannot connect to the warehouse: the database does not exist");
    }
}
