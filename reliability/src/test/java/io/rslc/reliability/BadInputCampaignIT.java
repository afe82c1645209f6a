package io.rslc.reliability;

import static io.rslc.reliability.BadInput.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.BadInput.Case;
import io.rslc.reliability.BadInput.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scenario 5 of the campaign, the bad-input corpus: configurations (CSV and DynamoDB), command-line arguments,
 * the environment (password variables, secrets) and data (NULL, infinite and BC dates, keywords and unicode in
 * identifiers, columns dropped or retyped between the plan and the run) that a user gets wrong. Each case
 * asserts the exit code, that the one-line message names the row, field and reason, that no stack trace is
 * printed, and that a refused input deleted nothing (or the documented outcome). Quick mode runs every third
 * case, full mode all of them.
 */
@Tag("campaign")
class BadInputCampaignIT {

    private static Fixture fixture;

    @AfterAll
    static void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(csv());
        all.addAll(dynamodb());
        all.addAll(arguments());
        all.addAll(environment());
        all.addAll(data());
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsAnsweredClearly() {
        List<Case> all = cases();
        // quick mode: every third case (a third of each category, about 25 s); full mode: all of them
        List<Case> cases = java.util.stream.IntStream.range(0, all.size())
                .filter(i -> Campaign.selected(i % 3 == 0, "bad-input-" + all.get(i).id())).mapToObj(all::get).toList();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            if (fixture == null) {
                fixture = new Fixture();
            }
            BadInput.check(c, fixture);
            Campaign.record("bad input: " + c.category(), 1, Check.Counts.ZERO,
                    "exit code, one clear message, no stack trace, nothing deleted (or the documented outcome)");
        }));
    }

    /** The original's CSV: every field's mistakes, and files that cannot be read at all. */
    static List<Case> csv() {
        String c = "csv";
        return List.of(
                of(c, "retention-not-a-number", 1, f -> f.run(f.csv(f.row("retention_period", "abc"))),
                        "line 2, retention_period: must be a whole number, got 'abc'"),
                of(c, "retention-negative", 1, f -> f.run(f.csv(f.row("retention_period", "-1"))),
                        "line 2, retention_period:", "-1"),
                of(c, "retention-out-of-range", 1, f -> f.run(f.csv(f.row("retention_period", "250000"))),
                        "line 2, retention_period: is out of range (max 100000), got 250000"),
                of(c, "retention-blank", 1, f -> f.run(f.csv(f.row("retention_period", ""))),
                        "line 2, retention_period: is required"),
                of(c, "granularity-weekly", 1, f -> f.run(f.csv(f.row("granularity_level", "weekly"))),
                        "line 2, granularity_level: must be daily or monthly"),
                of(c, "flag-3", 1, f -> f.run(f.csv(f.row("update_delete_flag", "3"))),
                        "line 2, update_delete_flag:", "3"),
                of(c, "flag-blank", 1, f -> f.run(f.csv(f.row("update_delete_flag", ""))),
                        "line 2, update_delete_flag: is required"),
                of(c, "priority-word", 1, f -> f.run(f.csv(f.row("priority", "high"))),
                        "line 2, priority: must be a whole number, got 'high'"),
                of(c, "priority-over-32-bit", 1, f -> f.run(f.csv(f.row("priority", "99999999999"))),
                        "line 2, priority:", "32-bit"),
                of(c, "checkpoint-month-13", 1, f -> f.run(f.csv(f.row("checkpoint", "2020-13-01"))),
                        "line 2, checkpoint: must be a date YYYY-MM-DD, got '2020-13-01'"),
                of(c, "checkpoint-word", 1, f -> f.run(f.csv(f.row("checkpoint", "yesterday"))),
                        "line 2, checkpoint: must be a date YYYY-MM-DD, got 'yesterday'"),
                of(c, "s3-path-one-slash", 1, f -> f.run(f.csv(f.row("s3_path", "s3:/bad path"))),
                        "line 2, s3_path: looks like an S3 location but is not s3://bucket/prefix"),
                of(c, "s3-path-relative", 1, f -> f.run(f.csv(f.row("s3_path", "archive/x"))),
                        "line 2, s3_path: is a relative path"),
                of(c, "s3-path-https", 1, f -> f.run(f.csv(f.row("s3_path", "https://bucket/x"))),
                        "line 2, s3_path:", "https://bucket/x"),
                of(c, "s3-path-bucket-uppercase", 1, f -> f.run(f.csv(f.row("s3_path", "s3://My_Bucket/x"))),
                        "line 2, s3_path:", "My_Bucket"),
                of(c, "s3-path-dot-dot", 1, f -> f.run(f.csv(f.row("s3_path", "s3://bucket/a/../b"))),
                        "line 2, s3_path:", ".."),
                of(c, "s3-path-missing-for-unload", 1, f -> f.run(f.csv(f.row("s3_path", ""))),
                        "line 2, s3_path: is required when update_delete_flag is 2"),
                of(c, "s3-path-file-uri-with-host", 1, f -> f.run(f.csv(f.row("s3_path", "file://host/x"))),
                        "line 2, s3_path:", "file://host/x"),
                of(c, "format-orc", 1, f -> f.run(f.csv(f.row("file_format", "ORC"))),
                        "line 2, file_format: must be PARQUET, CSV, JSON or blank (text)"),
                of(c, "compression-lz4", 1, f -> f.run(f.csv(f.row("compression", "lz4"))),
                        "line 2, compression: must be gzip, zstd, bzip2 or blank"),
                of(c, "delimiter-two-characters", 1, f -> f.run(f.csv(f.row("delimiter", "ab"))),
                        "line 2, delimiter: must be a single ASCII character (or \\t for tab), got 'ab'"),
                of(c, "delimiter-quote", 1, f -> f.run(f.csv(f.row("delimiter", "\""))),
                        "line 2, delimiter: cannot be a quote or a backslash"),
                of(c, "max-filesize-10-tb", 1, f -> f.run(f.csv(f.row("max_filesize", "10 tb"))),
                        "line 2, max_filesize:", "10 tb"),
                of(c, "max-filesize-1-mb", 1, f -> f.run(f.csv(f.row("max_filesize", "1 mb"))),
                        "line 2, max_filesize: must be between 5 MB and 6.2 GB, got '1 mb'"),
                of(c, "header-yes", 1, f -> f.run(f.csv(f.row("header", "yes"))),
                        "line 2, header: must be 0 or 1 (or true/false, t/f), got 'yes'"),
                of(c, "region-mars", 1, f -> f.run(f.csv(f.row("unload_region", "mars"))),
                        "line 2, unload_region: must be an AWS region such as us-east-1, got 'mars'"),
                of(c, "schema-blank", 1, f -> f.run(f.csv(f.row("schema_name", ""))),
                        "line 2, schema_name: is required"),
                of(c, "column-blank", 1, f -> f.run(f.csv(f.row("column_name", ""))),
                        "line 2, column_name: is required"),
                of(c, "table-name-too-long", 1, f -> f.run(f.csv(f.row("table_name", "t".repeat(200)))),
                        "line 2, table_name: is 200 bytes long in UTF-8; Redshift allows 127"),
                of(c, "table-name-control-character", 1, f -> f.run(f.csv(f.row("table_name", "t\u0007x"))),
                        "line 2, table_name: contains a control character"),
                of(c, "table-name-trailing-space", 1, f -> f.run(f.csv(f.row("table_name", "t "))),
                        "line 2, table_name: has leading or trailing spaces"),
                of(c, "table-listed-twice", 1, f -> {
                    table(f, "s.twice", "d DATE", "DATE '2020-06-01' + (g % 10)");
                    return f.run(f.csv(f.row("table_name", "twice"), f.row("table_name", "twice", "priority", "20")));
                }, "line 3", "is configured twice; first at", "line 2")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.twice")).as("the first row runs: all due")
                                .isZero()),
                of(c, "unknown-column", 1, f -> f.run(f.bytes((String.join(",", io.rslc.internal.config.RuleFields.ORIGINAL)
                        .replace("retention_period", "retention_periods") + "\n" + f.row() + "\n")
                        .getBytes(StandardCharsets.UTF_8))), "retention_periods", "retention_period"),
                of(c, "too-few-fields", 1, f -> f.run(f.csv("s,t,d,daily,5")), "line 2: has 5 fields; the header has 20"),
                of(c, "unterminated-quote", 1, f -> f.run(f.csv(f.row("null_as", "x") + ",\"oops")),
                        "line 2: unterminated quote starting at line 2"),
                of(c, "empty-file", 2, f -> f.run(f.bytes(new byte[0])), "is empty: no header"),
                of(c, "not-utf-8", 2, f -> f.run(f.bytes(("schema_name\ncaf\u00e9").getBytes(StandardCharsets.ISO_8859_1))),
                        "is not UTF-8"),
                of(c, "nul-byte", 2, f -> f.run(f.bytes(new byte[] {'s', 0, 't'})), "NUL"),
                of(c, "no-header", 2, f -> f.run(f.bytes((f.row() + "\n").getBytes(StandardCharsets.UTF_8))),
                        "header"),
                of(c, "file-missing", 2, f -> f.run(f.dir.resolve("nope.csv")), "config file not found"),
                of(c, "a-folder", 2, f -> f.run(f.dir), "rslc: error:"),
                of(c, "header-only", 0, f -> f.run(f.csv()), "no rules: the file has a header and no rows")
                        .then(BadInput::nothingDeleted),
                of(c, "checkpoint-in-the-future", 0, f -> f.run(f.csv(f.row("checkpoint", "2030-05-31",
                        "update_delete_flag", "0"))), "checkpoint: is 2030-05-31, in the future")
                        .then(BadInput::nothingDeleted));
    }

    /** The original's DynamoDB table: the same mistakes in items, and sources that cannot be read. */
    static List<Case> dynamodb() {
        String c = "dynamodb";
        return List.of(
                of(c, "retention-not-a-number", 1, f -> f.run(f.dynamo(f.item("retention_period", "abc"))),
                        "item s.t", "retention_period: must be a whole number, got 'abc'"),
                of(c, "granularity-weekly", 1, f -> f.run(f.dynamo(f.item("granularity_level", "weekly"))),
                        "item s.t", "granularity_level: must be daily or monthly"),
                of(c, "column-missing", 1, f -> {
                    Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(f.item());
                    item.remove("column_name");
                    return f.run(f.dynamo(item));
                }, "item s.t", "column_name: is required"),
                of(c, "flag-5", 1, f -> f.run(f.dynamo(f.item("update_delete_flag", "5"))),
                        "item s.t", "update_delete_flag"),
                of(c, "checkpoint-february-30", 1, f -> f.run(f.dynamo(f.item("checkpoint", "2020-02-30"))),
                        "item s.t", "checkpoint: must be a date YYYY-MM-DD, got '2020-02-30'"),
                of(c, "s3-path-one-slash", 1, f -> f.run(f.dynamo(f.item("s3_path", "s3:/x"))),
                        "item s.t", "s3_path: looks like an S3 location"),
                of(c, "priority-word", 1, f -> f.run(f.dynamo(f.item("priority", "high"))),
                        "item s.t", "priority: must be a whole number, got 'high'"),
                of(c, "header-list-attribute", 1, f -> {
                    Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(f.item());
                    item.put("header", AttributeValue.fromL(List.of(AttributeValue.fromS("1"))));
                    return f.run(f.dynamo(item));
                }, "item s.t", "header: is"),
                of(c, "table-missing", 2, f -> f.run(io.rslc.internal.aws.DynamoDbLocal.shared().uri("no_such_table")),
                        "no_such_table"),
                of(c, "uri-without-table", 2, f -> f.run("dynamodb://?region=us-east-1"),
                        "'' is not a valid DynamoDB table name"),
                of(c, "config-load-refuses-a-bad-file", 1, f -> List.of("config", "load", "--csv",
                        f.csv(f.row("retention_period", "abc")).toString(), "--dynamodb-table", "bad_load", "--create-table",
                        "--region", "us-east-1", "--endpoint", io.rslc.internal.aws.DynamoDbLocal.shared().endpoint().toString()),
                        "line 2, retention_period: must be a whole number, got 'abc'")
                        .then((f, r) -> assertThat(r.all()).doesNotContain("loaded 1")));
    }

    /** Command-line arguments. */
    static List<Case> arguments() {
        String c = "arguments";
        return List.of(
                of(c, "as-of-february-30", 2, f -> f.run(f.csv(f.row()), "--as-of", "2020-02-30"),
                        "--as-of': '2020-02-30' is not a date YYYY-MM-DD (no such day)"),
                of(c, "as-of-word", 2, f -> f.run(f.csv(f.row()), "--as-of", "yesterday"), "--as-of", "yesterday"),
                of(c, "zone-unknown", 2, f -> f.run(f.csv(f.row()), "--zone", "Mars/Base"), "--zone", "Mars/Base"),
                of(c, "batch-rows-negative", 2, f -> f.run(f.csv(f.row()), "--batch-rows", "-1"),
                        "--batch-rows: must be 0 or more"),
                of(c, "batch-rows-word", 2, f -> f.run(f.csv(f.row()), "--batch-rows", "many"), "--batch-rows", "many"),
                of(c, "statement-timeout-zero", 2, f -> f.run(f.csv(f.row()), "--statement-timeout-minutes", "0"),
                        "--statement-timeout-minutes: must be 1 or more, got 0"),
                of(c, "time-budget-word", 2, f -> f.run(f.csv(f.row()), "--time-budget", "soon"), "--time-budget", "soon"),
                of(c, "only-without-dot", 2, f -> f.run(f.csv(f.row()), "--only", "t"), "--only", "expected schema.table"),
                of(c, "only-unknown-table", 2, f -> f.run(f.csv(f.row()), "--only", "s.nope"), "s.nope"),
                of(c, "only-unterminated-quote", 2, f -> f.run(f.csv(f.row()), "--only", "s.\"t"), "unterminated quote"),
                of(c, "format-xml", 2, f -> f.run(f.csv(f.row()), "--dry-run", "--format", "xml"), "--format", "xml"),
                of(c, "warehouse-oracle", 2, f -> f.run(f.csv(f.row()), "--warehouse", "oracle"), "--warehouse", "oracle"),
                of(c, "log-format-yaml", 2, f -> f.run(f.csv(f.row()), "--log-format", "yaml"), "--log-format", "yaml"),
                of(c, "unknown-option", 2, f -> f.run(f.csv(f.row()), "--frobnicate"), "--frobnicate"),
                of(c, "config-missing", 2, f -> List.of("run", "--jdbc-url", f.target.rslcUrl), "--config"),
                of(c, "connection-missing", 2, f -> List.of("run", "--config", f.csv(f.row()).toString()),
                        "give --jdbc-url URL (or 'embedded') or --secret NAME"),
                of(c, "report-is-a-folder", 2, f -> f.run(f.csv(f.row()), "--report", f.dir.toString()),
                        "--report: ", "is a folder"),
                of(c, "jdbc-url-mysql", 2, f -> List.of("run", "--config", f.csv(f.row()).toString(), "--jdbc-url",
                        "jdbc:mysql://127.0.0.1/x"), "jdbc:mysql"),
                of(c, "jdbc-url-closed-port", 1, f -> List.of("run", "--config", f.csv(f.row()).toString(), "--jdbc-url",
                        "jdbc:postgresql://127.0.0.1:1/x"), "refused"),
                of(c, "jdbc-url-missing-database", 1, f -> List.of("run", "--config", f.csv(f.row()).toString(),
                        "--jdbc-url", f.target.rslcUrl + "_nope", "--user", Target.USER, "--password-env",
                        Campaign.PASSWORD_ENV), "does not exist"),
                of(c, "restore-without-table", 2, f -> f.command("restore", f.csv(f.row())), "--table"),
                of(c, "verify-from-month-13", 2, f -> f.command("verify", f.csv(f.row()), "--from", "2020-13-01"),
                        "--from"),
                of(c, "plan-since-february-30", 2, f -> List.of("plan", "--config", f.csv(f.row()).toString(),
                        "--since", "2020-02-30"), "--since"),
                of(c, "status-unknown-table", 2, f -> f.command("status", f.csv(f.row()), "--table", "s.nope"),
                        "s.nope"),
                of(c, "s3-endpoint-not-a-uri", 2, f -> f.run(f.csv(f.row()), "--s3-endpoint", "::: not a uri"),
                        "--s3-endpoint"),
                of(c, "config-validate-bad-row", 1, f -> List.of("config", "validate", "--config",
                        f.csv(f.row("granularity_level", "hourly")).toString()),
                        "line 2, granularity_level: must be daily or monthly"));
    }

    /** The environment: password variables and Secrets Manager secrets. */
    static List<Case> environment() {
        String c = "environment";
        return List.of(
                of(c, "password-variable-unset", 2, f -> List.of("run", "--config", f.csv(f.row()).toString(),
                        "--as-of", BadInput.AS_OF, "--jdbc-url", f.target.rslcUrl, "--user", Target.USER,
                        "--password-env", "RSLC_NO_SUCH_VARIABLE"),
                        "environment variable RSLC_NO_SUCH_VARIABLE (from --password-env) is not set"),
                of(c, "password-not-given", 1, f -> List.of("run", "--config", f.csv(f.row()).toString(),
                        "--as-of", BadInput.AS_OF, "--jdbc-url", f.target.rslcUrl, "--user", Target.USER),
                        "cannot connect to the warehouse", "no password was provided"),
                of(c, "password-wrong", 1, f -> List.of("run", "--config", f.csv(f.row()).toString(),
                        "--as-of", BadInput.AS_OF, "--jdbc-url", f.target.rslcUrl, "--user", Target.USER,
                        "--password-env", "RSLC_WRONG_PASSWORD"), "password authentication failed")
                        .inChild(Map.of("RSLC_WRONG_PASSWORD", "wrong-password-1234"))
                        .then((f, r) -> {
                            BadInput.nothingDeleted(f, r);
                            assertThat(r.all()).doesNotContain("wrong-password-1234");
                        }),
                of(c, "password-empty", 1, f -> List.of("run", "--config", f.csv(f.row()).toString(),
                        "--as-of", BadInput.AS_OF, "--jdbc-url", f.target.rslcUrl, "--user", Target.USER,
                        "--password-env", "RSLC_EMPTY_PASSWORD"), "the password is an empty string")
                        .inChild(Map.of("RSLC_EMPTY_PASSWORD", "")),
                of(c, "secret-not-found", 2, f -> f.withSecret("bad/none"), "secret 'bad/none' not found"),
                of(c, "secret-not-json", 2, f -> f.runWithSecret("host=127.0.0.1"), "is not valid JSON"),
                of(c, "secret-json-array", 2, f -> f.runWithSecret("[1, 2]"), "is not a JSON object"),
                of(c, "secret-without-password", 2, f -> f.runWithSecret(f.secretJson("password", null)),
                        "has no 'password' key; expected JSON keys"),
                of(c, "secret-without-host", 2, f -> f.runWithSecret(f.secretJson("host", null)), "has no 'host' key"),
                of(c, "secret-without-database", 2, f -> f.runWithSecret(f.secretJson("dbname", null)),
                        "'database'", "'dbname'"),
                of(c, "secret-port-word", 2, f -> f.runWithSecret(f.secretJson("port", "fivefour")),
                        "key 'port' must be a whole number between 1 and 65535"),
                of(c, "secret-port-70000", 2, f -> f.runWithSecret(f.secretJson("port", "70000")),
                        "key 'port' must be a whole number between 1 and 65535"),
                of(c, "secret-username-empty", 2, f -> f.runWithSecret(f.secretJson("username", "")),
                        "key 'username' is empty"),
                of(c, "secret-engine-oracle", 2, f -> f.runWithSecret(f.secretJson("engine", "oracle")),
                        "engine 'oracle'"),
                of(c, "secret-access-denied", 1, f -> {
                    f.secrets.deny("bad/denied");
                    return f.withSecret("bad/denied");
                }, "access denied reading secret 'bad/denied'"),
                of(c, "secret-wrong-password", 1, f -> f.runWithSecret(f.secretJson("password",
                        "not-the-password-5678")), "password authentication failed")
                        .then((f, r) -> {
                            BadInput.nothingDeleted(f, r);
                            assertThat(r.all()).doesNotContain("not-the-password-5678");
                        }));
    }

    /** Data: dates no slice holds, identifiers, columns that change between the plan and the run. */
    static List<Case> data() {
        String c = "data";
        return List.of(
                of(c, "null-dates", 0, f -> table(f, "s.nulls", "d DATE", "CASE WHEN g % 5 = 0 THEN NULL ELSE DATE '2020-06-01' + (g % 10) END"),
                        "20 row(s) have NULL d and are never archived")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.nulls")).isEqualTo(20)),
                of(c, "minus-infinity-dates", 0, f -> table(f, "s.inf", "d DATE", "CASE WHEN g % 10 = 0 THEN '-infinity'::date ELSE DATE '2020-06-01' + (g % 10) END"),
                        "10 row(s)", "-infinity")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.inf")).isEqualTo(10)),
                of(c, "bc-dates", 0, f -> table(f, "s.bc", "d DATE", "CASE WHEN g % 10 = 0 THEN '0044-03-15 BC'::date ELSE DATE '2020-06-01' + (g % 10) END"),
                        "10 row(s)", "BC")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.bc")).isEqualTo(10)),
                of(c, "plus-infinity-timestamps", 0, f -> table(f, "s.pinf", "d TIMESTAMPTZ", "CASE WHEN g % 10 = 0 THEN 'infinity'::timestamptz ELSE TIMESTAMPTZ '2020-06-01 12:00+00' + (g % 10) * interval '1 day' END"))
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.pinf")).as("never due").isEqualTo(10)),
                of(c, "keywords-as-identifiers", 0, f -> {
                    f.sql("CREATE SCHEMA \"select\" AUTHORIZATION " + Target.USER,
                            "CREATE TABLE \"select\".\"from\" (\"user\" BIGINT, \"order\" DATE)",
                            "INSERT INTO \"select\".\"from\" SELECT g, DATE '2020-06-01' + (g % 10) FROM generate_series(1, 100) g",
                            "ALTER TABLE \"select\".\"from\" OWNER TO " + Target.USER);
                    return f.run(f.csv(f.row("schema_name", "select", "table_name", "from", "column_name", "order")));
                }, "100 row(s) archived")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM \"select\".\"from\"")).isZero()),
                of(c, "unicode-identifiers", 0, f -> {
                    f.sql("CREATE SCHEMA \"sché\" AUTHORIZATION " + Target.USER,
                            "CREATE TABLE \"sché\".\"täble ✓\" (id BIGINT, \"dätum\" DATE)",
                            "INSERT INTO \"sché\".\"täble ✓\" SELECT g, DATE '2020-06-01' + (g % 10) FROM generate_series(1, 100) g",
                            "ALTER TABLE \"sché\".\"täble ✓\" OWNER TO " + Target.USER);
                    return f.run(f.csv(f.row("schema_name", "sché", "table_name", "täble ✓", "column_name", "dätum")));
                }, "100 row(s) archived")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM \"sché\".\"täble ✓\"")).isZero()),
                of(c, "date-column-is-text", 1, f -> f.run(f.csv(f.row("column_name", "note"))),
                        "column note of s.t is text, not a date or timestamp; check column_name in", "line 2"),
                of(c, "date-column-missing", 1, f -> f.run(f.csv(f.row("column_name", "dd"))), "dd"),
                of(c, "table-missing", 1, f -> f.run(f.csv(f.row("table_name", "nope"))), "s.nope"),
                of(c, "schema-missing", 1, f -> f.run(f.csv(f.row("schema_name", "nope"))), "nope.t"),
                of(c, "partition-column-missing", 1, f -> f.run(f.csv(f.row("partition_column", "region"))), "region"),
                of(c, "date-column-integer", 1, f -> f.run(f.csv(f.row("column_name", "id"))), "id", "bigint"),
                of(c, "no-select-privilege", 1, f -> {
                    f.sql("CREATE TABLE s.locked (id BIGINT, d DATE)",
                            "INSERT INTO s.locked SELECT g, DATE '2020-06-01' FROM generate_series(1, 10) g");
                    return f.run(f.csv(f.row("table_name", "locked")));
                }, "s.locked", "does not exist (or the rslc user cannot see it)")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.locked")).isEqualTo(10)),
                of(c, "date-column-retyped-after-plan", 1, f -> {
                    table(f, "s.retyped", "d DATE", "DATE '2020-06-01' + (g % 10)");
                    Rslc.Result dry = Rslc.inProcess(f.dir, "dry-run", f.run(f.csv(f.row("table_name", "retyped")),
                            "--dry-run"));
                    assertThat(dry.exit()).as(dry.all()).isZero();
                    f.sql("ALTER TABLE s.retyped ALTER COLUMN d TYPE text USING d::text");
                    return f.run(f.csv(f.row("table_name", "retyped")));
                }, "column d of s.retyped is text, not a date or timestamp")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.retyped")).isEqualTo(100)),
                of(c, "column-dropped-after-plan", 0, f -> {
                    table(f, "s.dropped", "d DATE", "DATE '2020-06-01' + (g % 10)");
                    Rslc.Result dry = Rslc.inProcess(f.dir, "dry-run", f.run(f.csv(f.row("table_name", "dropped")),
                            "--dry-run"));
                    assertThat(dry.exit()).as(dry.all()).isZero();
                    f.sql("ALTER TABLE s.dropped DROP COLUMN note");
                    return f.run(f.csv(f.row("table_name", "dropped")));
                }, "100 row(s) archived")
                        .then((f, r) -> {
                            assertThat(f.count("SELECT count(*) FROM s.dropped")).isZero();
                            try (var walk = Files.walk(f.archive())) {
                                assertThat(walk.filter(p -> p.getFileName().toString().equals("manifest")).count())
                                        .as("one manifest per day").isEqualTo(10);
                            }
                        }),
                of(c, "not-a-number-values-in-parquet", 0, f -> {
                    f.sql("CREATE TABLE s.nan (id BIGINT, d DATE, n NUMERIC, x DOUBLE PRECISION)",
                            "INSERT INTO s.nan SELECT g, DATE '2020-06-01' + (g % 10), CASE WHEN g % 3 = 0 THEN 'NaN'::numeric ELSE g END,"
                                    + " CASE g % 4 WHEN 0 THEN 'Infinity'::float8 WHEN 1 THEN '-Infinity' WHEN 2 THEN 'NaN' ELSE g END"
                                    + " FROM generate_series(1, 100) g",
                            "ALTER TABLE s.nan OWNER TO " + Target.USER);
                    return f.run(f.csv(f.row("table_name", "nan", "file_format", "PARQUET")));
                }, "100 row(s) archived")
                        .then((f, r) -> assertThat(f.count("SELECT count(*) FROM s.nan")).isZero()));
    }

    /** A table {@code name (id, d TYPE, note)} of 100 rows owned by rslc's user, d from {@code dateSql} over g. */
    private static List<String> table(Fixture f, String name, String dateColumn, String dateSql) throws Exception {
        f.sql("CREATE TABLE " + name + " (id BIGINT, " + dateColumn + ", note TEXT)",
                "INSERT INTO " + name + " SELECT g, " + dateSql + ", 'n' || g FROM generate_series(1, 100) g",
                "ALTER TABLE " + name + " OWNER TO " + Target.USER);
        return f.run(f.csv(f.row("table_name", name.substring(name.indexOf('.') + 1))));
    }
}
