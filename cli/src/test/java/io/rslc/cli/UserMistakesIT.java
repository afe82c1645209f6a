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
}
