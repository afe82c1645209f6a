package io.rslc.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** Loading CSVs into DynamoDB Local and exporting them back. */
class DynamoDbConfigLoaderIT {

    static final Path SAMPLE = Path.of("../sample/test_configuration.csv");
    static final String HEADER = "schema_name,table_name,column_name,granularity_level,retention_period,s3_path,"
            + "file_format,partition_column,header,delimiter,add_quotes,null_as,escape,compression,max_filesize,"
            + "parallel,unload_region,priority,update_delete_flag,checkpoint";

    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        client = DynamoDbLocal.shared().client();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static String row(String table, String priority, String checkpoint) {
        return "s," + table + ",d,daily,90,s3://bucket/" + table + "/,CSV,,1,|,0,,0,gzip,,1,," + priority + ",2,"
                + checkpoint;
    }

    static byte[] csv(String... rows) {
        return ("\uFEFF" + HEADER + "\n" + String.join("\n", rows)).getBytes(StandardCharsets.UTF_8);
    }

    private static DynamoDbConfigLoader.Result load(DynamoDbConfigTable t, byte[] csv, boolean reset, boolean prune) {
        return DynamoDbConfigLoader.builder(t).createTable(true).resetCheckpoints(reset).prune(prune).build()
                .load("f.csv", csv);
    }

    @Test
    void theSampleSurvivesLoadAndExportByteForByte() throws Exception {
        byte[] sample = Files.readAllBytes(SAMPLE);
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        DynamoDbConfigLoader.Result r = load(t, sample, false, false);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.tableCreated()).isTrue();
        assertThat(r.rowsWritten()).isEqualTo(4);
        DynamoDbConfigExport.Export e = DynamoDbConfigExport.export(t);
        assertThat(e.problems()).isEmpty();
        assertThat(e.csv()).isEqualTo(sample);
        // the original's attribute types: blank stays the empty string, priority etc. are strings
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(t.name())
                .key(RuleItems.key(new TableName("test", "ret_test_4")))).item();
        assertThat(item.get("header")).isEqualTo(AttributeValue.fromS(""));
        assertThat(item.get("priority")).isEqualTo(AttributeValue.fromS("10"));
        assertThat(item.get("retention_period")).isEqualTo(AttributeValue.fromS("3"));
        assertThat(item.get("checkpoint")).isEqualTo(AttributeValue.fromS(""));
        assertThat(item).hasSize(20);
    }

    @Test
    void flagsAreNumbersAndExportInRunOrder() {
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        byte[] file = csv(row("t3", "20", ""), row("t2", "5", "2020-01-01"), row("t1", "20", ""));
        assertThat(load(t, file, false, false).hasErrors()).isFalse();
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(t.name())
                .key(RuleItems.key(new TableName("s", "t1")))).item();
        assertThat(item.get("header")).isEqualTo(AttributeValue.fromN("1"));
        assertThat(item.get("add_quotes")).isEqualTo(AttributeValue.fromN("0"));
        assertThat(item.get("parallel")).isEqualTo(AttributeValue.fromN("1"));
        assertThat(new String(DynamoDbConfigExport.export(t).csv(), StandardCharsets.UTF_8))
                .isEqualTo(new String(csv(row("t2", "5", "2020-01-01"), row("t1", "20", ""), row("t3", "20", "")),
                        StandardCharsets.UTF_8));
    }

    @Test
    void reloadKeepsStoredCheckpointsUnlessReset() {
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        load(t, csv(row("t1", "1", ""), row("t2", "2", "2020-01-01")), false, false);
        DynamoDbRuleStore store = new DynamoDbRuleStore(client, t.name());
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "t1"), null,
                java.time.LocalDate.of(2020, 6, 1))).isTrue();

        DynamoDbConfigLoader.Result again = load(t, csv(row("t1", "3", ""), row("t2", "2", "2020-01-01")), false, false);
        assertThat(again.keptCheckpoints()).containsExactly(
                new DynamoDbConfigLoader.KeptCheckpoint(new TableName("s", "t1"), "2020-06-01", ""));
        String exported = new String(DynamoDbConfigExport.export(t).csv(), StandardCharsets.UTF_8);
        assertThat(exported).contains(row("t1", "3", "2020-06-01")).contains(row("t2", "2", "2020-01-01"));

        DynamoDbConfigLoader.Result reset = load(t, csv(row("t1", "3", ""), row("t2", "2", "2020-01-01")), true, false);
        assertThat(reset.keptCheckpoints()).isEmpty();
        assertThat(new String(DynamoDbConfigExport.export(t).csv(), StandardCharsets.UTF_8))
                .contains(row("t1", "3", ""));
    }

    @Test
    void oneBadRowWritesNothing() {
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        load(t, csv(row("t1", "1", "")), false, false);
        byte[] before = DynamoDbConfigExport.export(t).csv();
        DynamoDbConfigLoader.Result r = load(t, csv(row("t1", "9", ""), row("t2", "", ""), row("t3", "x", "")),
                false, true);
        assertThat(r.written()).isFalse();
        assertThat(r.errors()).extracting(Problem::toString).containsExactly(
                "f.csv line 3, priority: is required",
                "f.csv line 4, priority: must be a whole number, got 'x'");
        assertThat(DynamoDbConfigExport.export(t).csv()).isEqualTo(before);
    }

    @Test
    void aBadFileDoesNotEvenCreateTheTable() {
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        DynamoDbConfigLoader.Result r = load(t, csv("s,t1,d,daily"), false, false);
        assertThat(r.errors()).extracting(Problem::toString).containsExactly("f.csv line 2: has 4 fields; the header has 20");
        assertThat(t.exists()).isFalse();
    }

    @Test
    void rowsMissingFromTheFileAreDeletedOnlyWithPrune() {
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        load(t, csv(row("t1", "1", ""), row("t2", "2", ""), row("t3", "3", "")), false, false);
        DynamoDbConfigLoader.Result kept = load(t, csv(row("t1", "1", "")), false, false);
        assertThat(kept.notInFile()).containsExactly(new TableName("s", "t2"), new TableName("s", "t3"));
        assertThat(kept.pruned()).isFalse();
        assertThat(DynamoDbConfigExport.export(t).rows()).isEqualTo(3);
        DynamoDbConfigLoader.Result pruned = load(t, csv(row("t1", "1", "")), false, true);
        assertThat(pruned.pruned()).isTrue();
        assertThat(DynamoDbConfigExport.export(t).rows()).isEqualTo(1);
    }

    @Test
    void manyRowsGoInBatchesOf25() {
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        String[] rows = new String[60];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(String.format("t%02d", i), "1", "");
        }
        assertThat(load(t, csv(rows), false, false).rowsWritten()).isEqualTo(60);
        assertThat(DynamoDbConfigExport.export(t).csv()).isEqualTo(csv(rows));
        assertThat(DynamoDbConfigExport.export(t.withPageSize(7)).rows()).isEqualTo(60);
    }

    @Test
    void withoutCreateTableAMissingTableIsAUsageError() {
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, DynamoDbLocal.uniqueTable("cfg"));
        assertThatThrownBy(() -> DynamoDbConfigLoader.builder(t).build().load("f.csv", csv(row("t1", "1", ""))))
                .isInstanceOf(RslcException.class).hasMessageContaining("does not exist; pass --create-table");
    }

    @Test
    void aTableWithAnotherKeyIsRefused() {
        String name = DynamoDbLocal.uniqueTable("other");
        client.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType("HASH").build()));
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, name);
        assertThatThrownBy(() -> load(t, csv(row("t1", "1", "")), false, false))
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("expected partition key schema_name (S) and sort key table_name (S), found id");
    }

    @Test
    void exportReportsWhatCsvCannotHold() {
        List<Map<String, AttributeValue>> items = List.of(Map.of(
                "schema_name", AttributeValue.fromS("s"), "table_name", AttributeValue.fromS("t"),
                "priority", AttributeValue.fromS("1"), "extra", AttributeValue.fromS("x")));
        DynamoDbConfigExport.Export e = DynamoDbConfigExport.render("dynamodb://x", items);
        assertThat(e.rows()).isEqualTo(1);
        assertThat(e.problems()).extracting(Problem::toString)
                .containsExactly("dynamodb://x item s.t, extra: is not a configuration attribute and is ignored");
    }
}
