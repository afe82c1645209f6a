package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.aws.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code rslc config load|export|validate} end to end against DynamoDB Local (Amazon's emulator, test scope only)
 * serving HTTP on 127.0.0.1 in this JVM, in memory, telemetry off; the CLI reaches it through {@code --endpoint}.
 */
class ConfigCommandIT {

    static final Path SAMPLE = Path.of("../sample/test_configuration.csv");
    static final String HEADER = "schema_name,table_name,column_name,granularity_level,retention_period,s3_path,"
            + "file_format,partition_column,header,delimiter,add_quotes,null_as,escape,compression,max_filesize,"
            + "parallel,unload_region,priority,update_delete_flag,checkpoint";
    private static final AtomicInteger TABLES = new AtomicInteger();

    private static String endpoint;
    private static DynamoDbClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        endpoint = DynamoDbLocal.shared().endpoint().toString();
        client = DynamoDbLocal.shared().client();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String table() {
        return "rs_config_" + TABLES.incrementAndGet();
    }

    private static Cli.Result config(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "config";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--endpoint";
        all[args.length + 2] = endpoint;
        all[args.length + 3] = "--region";
        all[args.length + 4] = "us-east-1";
        return Cli.run(all);
    }

    private Path file(String name, String... rows) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "\uFEFF" + HEADER + "\n" + String.join("\n", rows));
        return f;
    }

    static String row(String table, String priority, String checkpoint) {
        return "s," + table + ",d,daily,90,s3://bucket/" + table + "/,CSV,,1,|,0,,0,gzip,,1,," + priority + ",2,"
                + checkpoint;
    }

    private String exported(String table) {
        Cli.Result r = config("export", "--dynamodb-table", table);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void theSampleLoadsAndExportsByteForByte() throws Exception {
        String t = table();
        Cli.Result load = config("load", "--csv", SAMPLE.toString(), "--dynamodb-table", t, "--create-table");
        assertThat(load.exit()).as(load.err()).isZero();
        assertThat(load.out()).contains("loaded 4 rule(s) from " + SAMPLE + " into DynamoDB table " + t
                + " (table created)");
        Path out = dir.resolve("out/export.csv");
        Cli.Result export = config("export", "--dynamodb-table", t, "--csv", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("exported 4 rule(s)");
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(SAMPLE));
        // standard output: the same text without the BOM, with a final newline
        String sample = Files.readString(SAMPLE, StandardCharsets.UTF_8);
        assertThat(exported(t)).isEqualTo(sample.substring(1) + System.lineSeparator());
        // the original's attribute types
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(t).key(Map.of(
                "schema_name", AttributeValue.fromS("test"), "table_name", AttributeValue.fromS("ret_test_4")))).item();
        assertThat(item.get("priority")).isEqualTo(AttributeValue.fromS("10"));
        assertThat(item.get("header")).isEqualTo(AttributeValue.fromS(""));
    }

    @Test
    void reloadKeepsCheckpointsUnlessReset() throws Exception {
        String t = table();
        assertThat(config("load", "--csv", file("a.csv", row("t1", "1", ""), row("t2", "2", "")).toString(),
                "--dynamodb-table", t, "--create-table").exit()).isZero();
        // a run moved t1's checkpoint
        client.updateItem(b -> b.tableName(t).key(Map.of("schema_name", AttributeValue.fromS("s"),
                        "table_name", AttributeValue.fromS("t1")))
                .updateExpression("SET checkpoint = :c").expressionAttributeValues(Map.of(":c",
                        AttributeValue.fromS("2020-06-01"))));
        Path edited = file("b.csv", row("t1", "5", ""), row("t2", "2", ""));
        Cli.Result reload = config("load", "--csv", edited.toString(), "--dynamodb-table", t);
        assertThat(reload.exit()).as(reload.err()).isZero();
        assertThat(reload.out()).contains("kept the stored checkpoint of s.t1: '2020-06-01' (the file has ''");
        assertThat(exported(t)).contains(row("t1", "5", "2020-06-01"));

        Cli.Result reset = config("load", "--csv", edited.toString(), "--dynamodb-table", t, "--reset-checkpoints");
        assertThat(reset.exit()).isZero();
        assertThat(reset.out()).doesNotContain("kept");
        assertThat(exported(t)).contains(row("t1", "5", "")).doesNotContain("2020-06-01");
    }

    @Test
    void aBadRowWritesNothingAndNamesEveryProblem() throws Exception {
        String t = table();
        config("load", "--csv", file("a.csv", row("t1", "1", "")).toString(), "--dynamodb-table", t, "--create-table");
        String before = exported(t);
        Path bad = file("bad.csv", row("t1", "7", ""), row("t2", "", ""), row("t3", "1", "yesterday"));
        Cli.Result r = config("load", "--csv", bad.toString(), "--dynamodb-table", t, "--prune");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR: " + bad + " line 3, priority: is required")
                .contains("ERROR: " + bad + " line 4, checkpoint: must be a date YYYY-MM-DD, got 'yesterday'")
                .contains("nothing was written to DynamoDB table " + t + ": " + bad + " has 2 error(s), 0 warning(s)");
        assertThat(exported(t)).isEqualTo(before);
    }

    @Test
    void pruneDeletesRowsTheFileNoLongerLists() throws Exception {
        String t = table();
        config("load", "--csv", file("a.csv", row("t1", "1", ""), row("t2", "1", ""), row("t3", "1", "")).toString(),
                "--dynamodb-table", t, "--create-table");
        Path one = file("one.csv", row("t2", "1", ""));
        Cli.Result kept = config("load", "--csv", one.toString(), "--dynamodb-table", t);
        assertThat(kept.out()).contains("2 item(s) in the table are not in the file (kept; --prune deletes them):"
                + " s.t1, s.t3");
        assertThat(exported(t)).contains("s,t1,").contains("s,t3,");
        Cli.Result pruned = config("load", "--csv", one.toString(), "--dynamodb-table", t, "--prune");
        assertThat(pruned.exit()).isZero();
        assertThat(pruned.out()).contains("deleted 2 item(s) not in the file: s.t1, s.t3");
        assertThat(exported(t)).doesNotContain("s,t1,").doesNotContain("s,t3,").contains("s,t2,");
    }

    @Test
    void validateReadsCsvFilesAndDynamoDbTables() throws Exception {
        String t = table();
        config("load", "--csv", SAMPLE.toString(), "--dynamodb-table", t, "--create-table");
        Cli.Result fromTable = Cli.run("config", "validate", "--config",
                "dynamodb://" + t + "?region=us-east-1&endpoint=" + endpoint);
        assertThat(fromTable.exit()).as(fromTable.err()).isZero();
        assertThat(fromTable.out()).contains("dynamodb://" + t + ": 4 valid rule(s), 0 error(s), 0 warning(s)");

        client.updateItem(b -> b.tableName(t).key(Map.of("schema_name", AttributeValue.fromS("test"),
                        "table_name", AttributeValue.fromS("ret_test_2")))
                .updateExpression("SET retention_period = :r").expressionAttributeValues(Map.of(":r",
                        AttributeValue.fromS("ninety"))));
        Cli.Result bad = Cli.run("config", "validate", "--config",
                "dynamodb://" + t + "?region=us-east-1&endpoint=" + endpoint);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("ERROR: dynamodb://" + t
                + " item test.ret_test_2, retention_period: must be a whole number, got 'ninety'")
                .contains("3 valid rule(s), 1 error(s)");

        Cli.Result csv = Cli.run("config", "validate", "--config", SAMPLE.toString());
        assertThat(csv.exit()).isZero();
        assertThat(csv.out()).contains(SAMPLE + ": 4 valid rule(s), 0 error(s)");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Cli.Result missingTable = config("load", "--csv", SAMPLE.toString(), "--dynamodb-table", table());
        assertThat(missingTable.exit()).isEqualTo(2);
        assertThat(missingTable.err()).contains("does not exist; pass --create-table").doesNotContain("\tat ");

        Cli.Result exportMissing = config("export", "--dynamodb-table", "nope_" + table());
        assertThat(exportMissing.exit()).isEqualTo(2);
        assertThat(exportMissing.err()).contains("not found in us-east-1");

        assertThat(config("load", "--csv", dir.resolve("none.csv").toString(), "--dynamodb-table", table()).err())
                .contains("config file not found");
        Cli.Result badName = config("export", "--dynamodb-table", "a b");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err()).contains("is not a valid DynamoDB table name");
        assertThat(Cli.run("config", "validate", "--config", "dynamodb://x?regoin=us-east-1").exit()).isEqualTo(2);
        Cli.Result noSub = Cli.run("config");
        assertThat(noSub.exit()).isEqualTo(2);
        assertThat(noSub.err()).contains("Missing subcommand");
        assertThat(Cli.run("config", "load", "--help").out()).contains("--reset-checkpoints", "--prune",
                "--create-table", "--endpoint");
    }
}
