package io.rslc.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.Problem;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.config.RuleRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RuleItemsTest {

    private static RuleRecord record(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return new RuleRecord("f.csv", "line 2", 2, m);
    }

    @Test
    void numericFieldsAreNumbersOnlyWhenTheyRoundTrip() {
        Map<String, AttributeValue> item = RuleItems.toItem(record(
                "schema_name", "s", "table_name", "t", "header", "1", "add_quotes", "0", "escape", "",
                "parallel", "01", "priority", "10", "retention_period", "90", "checkpoint", ""));
        assertThat(item.get("header")).isEqualTo(AttributeValue.fromN("1"));
        assertThat(item.get("add_quotes")).isEqualTo(AttributeValue.fromN("0"));
        assertThat(item.get("escape")).isEqualTo(AttributeValue.fromS(""));
        assertThat(item.get("parallel")).isEqualTo(AttributeValue.fromS("01"));
        // the original stored these as strings
        assertThat(item.get("priority")).isEqualTo(AttributeValue.fromS("10"));
        assertThat(item.get("retention_period")).isEqualTo(AttributeValue.fromS("90"));
        assertThat(item.get("checkpoint")).isEqualTo(AttributeValue.fromS(""));
        assertThat(item.keySet()).containsExactly("schema_name", "table_name", "retention_period", "header",
                "add_quotes", "escape", "parallel", "priority", "checkpoint");
    }

    @Test
    void itemsReadBackAsTheCsvHadThem() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("table_name", AttributeValue.fromS("t"));
        item.put("schema_name", AttributeValue.fromS("s"));
        item.put("header", AttributeValue.fromN("1"));
        item.put("parallel", AttributeValue.fromN("0"));
        item.put("escape", AttributeValue.fromBool(true));
        item.put("null_as", AttributeValue.fromNul(true));
        RuleItems.Converted c = RuleItems.toRecord("dynamodb://cfg", item);
        assertThat(c.problems()).isEmpty();
        assertThat(c.record().location()).isEqualTo("item s.t");
        assertThat(c.record().line()).isZero();
        assertThat(c.record().fields()).containsExactly(Map.entry("schema_name", "s"), Map.entry("table_name", "t"),
                Map.entry("header", "1"), Map.entry("null_as", ""), Map.entry("escape", "true"),
                Map.entry("parallel", "0"));
    }

    @Test
    void theExtraUnloadOptionsAreAttributesToo() {
        Map<String, AttributeValue> item = RuleItems.toItem(record("schema_name", "s", "table_name", "t",
                "file_format", "PARQUET", "encrypted", "1", "kms_key_id", "alias/archive", "extension", "pq",
                "row_group_size", "64 mb", "vacuum_mode", "full"));
        assertThat(item).containsEntry("encrypted", AttributeValue.fromS("1"))
                .containsEntry("kms_key_id", AttributeValue.fromS("alias/archive"))
                .containsEntry("extension", AttributeValue.fromS("pq"))
                .containsEntry("row_group_size", AttributeValue.fromS("64 mb"))
                .doesNotContainKey("vacuum_mode"); // maintenance overrides stay CSV-only
        RuleItems.Converted back = RuleItems.toRecord("dynamodb://cfg", item);
        assertThat(back.problems()).isEmpty();
        assertThat(back.record().fields()).containsEntry("kms_key_id", "alias/archive")
                .containsEntry("row_group_size", "64 mb");
    }

    @Test
    void anExportAddsAnExtraColumnOnlyWhenSomeItemHasIt() {
        Map<String, AttributeValue> plain = RuleItems.toItem(record("schema_name", "s", "table_name", "a"));
        Map<String, AttributeValue> keyed = RuleItems.toItem(record("schema_name", "s", "table_name", "b",
                "encrypted", "1", "kms_key_id", "alias/archive"));
        String original = String.join(",", RuleFields.ORIGINAL);
        assertThat(new String(DynamoDbConfigExport.render("dynamodb://cfg", List.of(plain)).csv(),
                java.nio.charset.StandardCharsets.UTF_8)).startsWith("\uFEFF" + original + "\n");
        String both = new String(DynamoDbConfigExport.render("dynamodb://cfg", List.of(plain, keyed)).csv(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(both).startsWith("\uFEFF" + original + ",encrypted,kms_key_id\n")
                .endsWith(",1,alias/archive");
    }

    @Test
    void brokenKeysAndNonScalarsAreNamedProblems() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("table_name", AttributeValue.fromN("5"));
        item.put("s3_path", AttributeValue.fromL(List.of(AttributeValue.fromS("x"))));
        item.put("retension_period", AttributeValue.fromS("90"));
        RuleItems.Converted c = RuleItems.toRecord("dynamodb://cfg", item);
        assertThat(c.key()).isNull();
        assertThat(c.problems()).extracting(Problem::toString).containsExactly(
                "dynamodb://cfg item <missing>.5, schema_name: is missing; every item needs schema_name and"
                        + " table_name as non-empty strings (S), the key of the original's table",
                "dynamodb://cfg item <missing>.5, table_name: is a number (N); every item needs schema_name and"
                        + " table_name as non-empty strings (S), the key of the original's table",
                "dynamodb://cfg item <missing>.5, s3_path: is a list (L); expected a string (S) or a number (N)",
                "dynamodb://cfg item <missing>.5, retension_period: is not a configuration attribute and is ignored");
        assertThat(c.problems().get(3).isError()).isFalse();
        assertThat(RuleFields.ORIGINAL).contains("retention_period");
    }
}
