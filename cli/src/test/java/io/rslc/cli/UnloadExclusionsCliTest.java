package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.config.RuleFields;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A combination Redshift's UNLOAD refuses is rejected alike by {@code config validate}, {@code plan} and
 * {@code run} (a dry run on a real PostgreSQL): the same error line, the row left out, exit 1; the good row beside
 * it still plans with its options.
 */
class UnloadExclusionsCliTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    static Result rslc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void validatePlanAndRunRejectTheRowTheSameWay() throws Exception {
        Path csv = dir.resolve("rules.csv");
        Files.writeString(csv, String.join(",", Stream.concat(RuleFields.ORIGINAL.stream(),
                RuleFields.UNLOAD_EXTRAS.stream()).toList()) + "\n"
                + "s,good,d,daily,5,s3://bucket/good,JSON,,,,,,,gzip,,,,10,2,,1,alias/archive,json.gz,\n"
                + "s,bad,d,daily,5,s3://bucket/bad,,,,,,,,,,,,20,2,,,alias/archive,,\n");
        String error = "ERROR: " + csv + " line 3, kms_key_id: needs encrypted 1 (Redshift's KMS_KEY_ID requires"
                + " ENCRYPTED)";

        Result validate = rslc("config", "validate", "--config", csv.toString());
        Result plan = rslc("plan", "--config", csv.toString(), "--as-of", "2020-06-20", "--since", "2020-06-13");
        String url = TestDatabase.newDatabase();
        TestDatabase.exec(url, "CREATE SCHEMA s", "CREATE TABLE s.good (id INT, d DATE)",
                "INSERT INTO s.good VALUES (1, DATE '2020-06-13')");
        Result run = rslc("run", "--config", csv.toString(), "--jdbc-url", url, "--dry-run", "--as-of",
                "2020-06-20");

        for (Result r : new Result[] {validate, plan, run}) {
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out() + r.err()).contains(error);
        }
        assertThat(plan.out()).contains("TABLE: s.good").doesNotContain("TABLE: s.bad")
                .contains("    FORMAT JSON\n    GZIP\n    ENCRYPTED\n    KMS_KEY_ID 'alias/archive'\n    MANIFEST VERBOSE")
                .contains("EXTENSION 'json.gz'");
    }
}
