package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rslc.internal.config.RuleFields;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    static final String SAMPLE = "../sample/test_configuration.csv";

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
    void sampleTextPlanShowsTheReadmeCutoffs() {
        Result r = rslc("plan", "--config", SAMPLE, "--as-of", "2020-06-20");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("TABLE: test.ret_test_1", "TABLE: test.ret_test_4")
                .contains("cutoff: 2020-03-22").contains("cutoff: 2020-03-01")
                .contains("UNLOAD ('SELECT * FROM \"test\".\"ret_test_1\" WHERE \"load_date\" < DATE ''2020-03-22''')")
                .contains("DELETE FROM \"test\".\"ret_test_4\" WHERE \"load_date\" < DATE '2020-03-01';");
        assertThat(r.out().indexOf("ret_test_1")).isLessThan(r.out().indexOf("ret_test_4"));
    }

    @Test
    void sampleWithoutCheckpointsPlansOfflineOnPostgresql() {
        // each table with no checkpoint is one open range below its cutoff (a live plan splits it)
        Result r = rslc("plan", "--config", SAMPLE, "--warehouse", "postgresql", "--as-of", "2024-01-01");
        assertThat(r.err()).doesNotContain("internal error");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("TABLE: test.ret_test_1", "TABLE: test.ret_test_4")
                .contains("DELETE FROM \"test\".\"ret_test_1\" WHERE \"load_date\" < DATE '2023-10-03';")
                .doesNotContain("UNLOAD");
    }

    @Test
    void jsonPlanFollowsTheContract() throws Exception {
        Result r = rslc("plan", "--config", SAMPLE, "--as-of", "2020-06-20", "--since", "2020-03-20",
                "--format", "json", "--role-arn", "arn:aws:iam::1:role/r");
        assertThat(r.exit()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.out());
        assertThat(plan.get("asOf").asText()).isEqualTo("2020-06-20");
        assertThat(plan.get("zone").asText()).isEqualTo("UTC");
        assertThat(plan.get("tables")).hasSize(4);
        JsonNode t1 = plan.get("tables").get(0);
        assertThat(t1.get("schema").asText()).isEqualTo("test");
        assertThat(t1.get("table").asText()).isEqualTo("ret_test_1");
        assertThat(t1.get("granularity").asText()).isEqualTo("daily");
        assertThat(t1.get("retention").asInt()).isEqualTo(90);
        assertThat(t1.get("mode").asText()).isEqualTo("unload_and_delete");
        assertThat(t1.get("priority").asInt()).isEqualTo(10);
        assertThat(t1.get("cutoff").asText()).isEqualTo("2020-03-22");
        assertThat(t1.get("slices")).hasSize(2);
        assertThat(t1.get("slices").get(0).get("start").asText()).isEqualTo("2020-03-20");
        assertThat(t1.get("slices").get(1).get("end").asText()).isEqualTo("2020-03-22");
        assertThat(t1.get("transactions").get(0).get("statements").get(0).get("role").asText()).isEqualTo("archive");
        assertThat(t1.get("transactions").get(0).get("statements").get(0).get("sql").asText()).contains("IAM_ROLE 'arn:aws:iam::1:role/r'");
        assertThat(t1.get("slices").get(0).get("generation").asInt()).isEqualTo(1);
        assertThat(t1.get("maintenance")).hasSize(2);
        assertThat(plan.get("errors")).isEmpty();
        JsonNode t4 = plan.get("tables").get(3);
        assertThat(t4.get("cutoff").asText()).isEqualTo("2020-03-01");
        assertThat(t4.get("slices")).isEmpty(); // --since is after the monthly cutoff
        assertThat(t4.get("maintenance")).isEmpty();
        assertThat(t4.get("note").asText()).startsWith("nothing due");
    }

    @Test
    void oddNamesRenderValidQuotedSql() throws Exception {
        Path csv = dir.resolve("odd.csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "sales,\"Sales \"\"EU\"\"\",O'Brien\\date,daily,30,s3://bucket/sales,CSV,,1,,,,,,,,,10,2,");
        Result r = rslc("plan", "--config", csv.toString(), "--as-of", "2020-06-20", "--since", "2020-05-20");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("TABLE: sales.Sales \"EU\"")
                .contains("UNLOAD ('SELECT * FROM \"sales\".\"Sales \"\"EU\"\"\" WHERE \"O''Brien\\\\date\" >= DATE ''2020-05-20''")
                .contains("DELETE FROM \"sales\".\"Sales \"\"EU\"\"\" WHERE \"O'Brien\\date\" >= DATE '2020-05-20'");
    }

    @Test
    void invalidRowsExitOneAndTheRestIsPlanned() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,good,d,daily,30,s3://bucket/good,,,,,,,,,,,,10,2,\n"
                + "s,bad,d,weekly,30,s3://bucket/bad,,,,,,,,,,,,,2,\n");
        Result r = rslc("plan", "--config", csv.toString(), "--as-of", "2020-06-20");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("TABLE: s.good").doesNotContain("TABLE: s.bad")
                .contains("ERROR: " + csv + " line 3, granularity_level: must be daily or monthly, got 'weekly'")
                .contains("ERROR: " + csv + " line 3, priority: is required");
        Result json = rslc("plan", "--config", csv.toString(), "--as-of", "2020-06-20", "--format", "json");
        JsonNode errors = new ObjectMapper().readTree(json.out()).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.findValuesAsText("line")).containsOnly("3");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("granularity_level", "priority");
    }

    @Test
    void usageErrorsExitTwoWithoutStackTraces() {
        Result missing = rslc("plan", "--config", dir.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("rslc: error: config file not found").doesNotContain("Exception").doesNotContain("\tat ");
        Result badDate = rslc("plan", "--config", SAMPLE, "--as-of", "2020-02-30");
        assertThat(badDate.exit()).isEqualTo(2);
        assertThat(badDate.err()).contains("--as-of").doesNotContain("\tat ");
        Result unknownTable = rslc("plan", "--config", SAMPLE, "--only", "test.nope");
        assertThat(unknownTable.exit()).isEqualTo(2);
        assertThat(rslc("plan", "--help").out()).contains("--as-of").contains("Exit codes");
    }
}
