package io.rslc.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.Granularity;
import io.rslc.api.Mode;
import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.internal.config.CsvRuleFormat;
import io.rslc.internal.config.RuleFields;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** {@link DynamoDbRuleStore} against DynamoDB Local, with items written the way the original's loader wrote them. */
class DynamoDbRuleStoreIT {

    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        client = DynamoDbLocal.shared().client();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    /** A configuration table holding {@code items}. */
    static String table(List<Map<String, AttributeValue>> items) {
        String name = DynamoDbLocal.uniqueTable("cfg");
        DynamoDbConfigTable t = new DynamoDbConfigTable(client, name);
        t.create();
        t.putAll(items);
        return name;
    }

    /** An item as the original's Lambda stored it: the four flags as N, the rest S, blank as "". */
    static Map<String, AttributeValue> originalItem(String schema, String table, String... overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("schema_name", schema);
        v.put("table_name", table);
        v.put("column_name", "load_date");
        v.put("granularity_level", "daily");
        v.put("retention_period", "90");
        v.put("s3_path", "s3://bucket/" + table + "/");
        v.put("file_format", "CSV");
        v.put("partition_column", "");
        v.put("header", "1");
        v.put("delimiter", "|");
        v.put("add_quotes", "0");
        v.put("null_as", "");
        v.put("escape", "0");
        v.put("compression", "gzip");
        v.put("max_filesize", "1 gb");
        v.put("parallel", "1");
        v.put("unload_region", "");
        v.put("priority", "10");
        v.put("update_delete_flag", "2");
        v.put("checkpoint", "");
        for (int i = 0; i < overrides.length; i += 2) {
            v.put(overrides[i], overrides[i + 1]);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        v.forEach((k, s) -> item.put(k, RuleFields.NUMERIC_IN_DYNAMODB.contains(k) && !s.isEmpty()
                ? AttributeValue.fromN(s) : AttributeValue.fromS(s)));
        return item;
    }

    /** An attribute of a type no field holds is an error, and its item is left out (found by the bad-input corpus). */
    @Test
    void anItemWithAnAttributeOfTheWrongTypeIsLeftOut() {
        Map<String, AttributeValue> bad = new LinkedHashMap<>(originalItem("test", "bad"));
        bad.put("header", AttributeValue.fromL(List.of(AttributeValue.fromS("1"))));
        RuleSet rs = DynamoDbRuleStore.toRuleSet("dynamodb://t", List.of(bad, originalItem("test", "good")));
        assertThat(rs.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .contains("item test.bad").contains("header: is a list (L)"));
        assertThat(rs.rules()).extracting(r -> r.table().table()).containsExactly("good");
    }

    @Test
    void readsTheOriginalsItemsAsIs() {
        String name = table(List.of(
                originalItem("test", "ret_test_2", "priority", "20"),
                originalItem("test", "ret_test_1", "header", "", "parallel", "0", "granularity_level", "monthly",
                        "retention_period", "3", "checkpoint", "2020-01-01")));
        RuleSet rs = new DynamoDbRuleStore(client, name).load();
        assertThat(rs.source()).isEqualTo("dynamodb://" + name);
        assertThat(rs.problems()).isEmpty();
        assertThat(rs.rules()).extracting(r -> r.table().toString()).containsExactly("test.ret_test_1", "test.ret_test_2");
        Rule first = rs.rules().get(0);
        assertThat(first.granularity()).isEqualTo(Granularity.MONTHLY);
        assertThat(first.checkpoint()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(first.mode()).isEqualTo(Mode.UNLOAD_AND_DELETE);
        assertThat(first.unload().parallel()).isFalse();
        assertThat(first.unload().header()).isFalse();
        assertThat(rs.rules().get(1).unload().header()).isTrue();
        assertThat(first.origin()).isEqualTo("dynamodb://" + name + " item test.ret_test_1");
    }

    @Test
    void sameMistakesReadTheSameAsInACsv() {
        String csv = "schema_name,table_name,column_name,granularity_level,retention_period,s3_path,file_format,"
                + "partition_column,header,delimiter,add_quotes,null_as,escape,compression,max_filesize,parallel,"
                + "unload_region,priority,update_delete_flag,checkpoint\n"
                + "s,bad,d,weekly,abc,s3://bucket/p/,CSV,,2,|,0,,0,,1 kb,1,mars,,2,2020-13-01\n";
        RuleSet fromCsv = CsvRuleFormat.read("f.csv", csv.getBytes(StandardCharsets.UTF_8));
        String name = table(List.of(originalItem("s", "bad", "column_name", "d", "granularity_level", "weekly",
                "retention_period", "abc", "s3_path", "s3://bucket/p/", "header", "2", "compression", "",
                "max_filesize", "1 kb", "unload_region", "mars", "priority", "", "checkpoint", "2020-13-01")));
        RuleSet fromDynamo = new DynamoDbRuleStore(client, name).load();
        assertThat(fromCsv.errors()).hasSizeGreaterThan(4);
        assertThat(fromDynamo.problems()).extracting(p -> p.field() + ": " + p.message())
                .containsExactlyInAnyOrderElementsOf(fromCsv.problems().stream()
                        .map(p -> p.field() + ": " + p.message()).toList());
        assertThat(fromDynamo.problems()).allSatisfy(p -> {
            assertThat(p.location()).isEqualTo("item s.bad");
            assertThat(p.line()).isZero();
            assertThat(p.source()).isEqualTo("dynamodb://" + name);
        });
        assertThat(fromDynamo.rules()).isEmpty();
    }

    @Test
    void aBadItemNeverHidesTheGoodOnes() {
        String name = table(List.of(originalItem("s", "good"), originalItem("s", "bad", "retention_period", "x")));
        RuleSet rs = new DynamoDbRuleStore(client, name).load();
        assertThat(rs.rules()).extracting(r -> r.table().table()).containsExactly("good");
        assertThat(rs.errors()).extracting(Problem::toString).containsExactly("dynamodb://" + name
                + " item s.bad, retention_period: must be a whole number, got 'x'");
    }

    @Test
    void itemsWithoutTheKeyAreProblemsNamingTheItem() {
        String name = DynamoDbLocal.uniqueTable("otherkey");
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        Map<String, AttributeValue> item = new LinkedHashMap<>(originalItem("s", "t"));
        item.put("id", AttributeValue.fromS("1"));
        item.put("table_name", AttributeValue.fromN("7"));
        client.putItem(b -> b.tableName(name).item(item));
        RuleSet rs = new DynamoDbRuleStore(client, name).load();
        assertThat(rs.rules()).isEmpty();
        assertThat(rs.errors()).extracting(Problem::toString).containsExactly("dynamodb://" + name
                + " item s.7, table_name: is a number (N); every item needs schema_name and table_name as non-empty"
                + " strings (S), the key of the original's table");
        assertThat(rs.problems()).anySatisfy(p -> assertThat(p.toString())
                .isEqualTo("dynamodb://" + name + " item s.7, id: is not a configuration attribute and is ignored"));
    }

    @Test
    void scanFollowsEveryPage() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            items.add(originalItem("s" + (i % 2), "t" + i));
        }
        String name = table(items);
        List<String> calls = new CopyOnWriteArrayList<>();
        try (DynamoDbClient counting = DynamoDbLocal.shared().client(calls)) {
            RuleSet rs = DynamoDbRuleStore.builder().client(counting).table(name).pageSize(2).build().load();
            assertThat(rs.rules()).hasSize(7);
            assertThat(rs.problems()).isEmpty();
        }
        assertThat(Collections.frequency(calls, "Scan")).isEqualTo(4);
    }

    @Test
    void scanFollowsDynamoDbsOneMegabytePages() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        String big = "x".repeat(380_000);
        for (int i = 0; i < 4; i++) {
            items.add(originalItem("s", "big" + i, "null_as", big));
        }
        String name = table(items);
        List<String> calls = new CopyOnWriteArrayList<>();
        try (DynamoDbClient counting = DynamoDbLocal.shared().client(calls)) {
            RuleSet rs = new DynamoDbRuleStore(counting, name).load();
            assertThat(rs.rules()).hasSize(4);
            assertThat(rs.rules()).allSatisfy(r -> assertThat(r.unload().nullAs()).hasSize(380_000));
        }
        assertThat(Collections.frequency(calls, "Scan")).isGreaterThan(1);
    }

    @Test
    void onlyQueriesTheSchemasItNeeds() {
        String name = table(List.of(originalItem("a", "t1"), originalItem("a", "t2"), originalItem("b", "t1"),
                originalItem("c", "t3")));
        List<String> calls = new CopyOnWriteArrayList<>();
        try (DynamoDbClient counting = DynamoDbLocal.shared().client(calls)) {
            RuleSet rs = new DynamoDbRuleStore(counting, name)
                    .only(Set.of(new TableName("a", "t2"), new TableName("b", "t1"), new TableName("b", "zz")))
                    .load();
            assertThat(rs.rules()).extracting(r -> r.table().toString()).containsExactly("b.t1", "a.t2");
        }
        assertThat(calls).containsExactly("Query", "Query");
    }

    @Test
    void checkpointCompareAndSet() {
        String name = table(List.of(originalItem("s", "blank"), originalItem("s", "dated", "checkpoint", "2020-03-01"),
                originalItem("s", "stamped", "checkpoint", "2020-03-21 17:02:11"),
                originalItem("s", "midmonth", "granularity_level", "monthly", "retention_period", "3",
                        "checkpoint", "2020-03-15")));
        client.updateItem(b -> b.tableName(name).key(RuleItems.key(new TableName("s", "absent")))
                .updateExpression("SET column_name = :c").expressionAttributeValues(Map.of(":c",
                        AttributeValue.fromS("d"))));
        DynamoDbRuleStore store = new DynamoDbRuleStore(client, name);
        LocalDate d1 = LocalDate.of(2020, 3, 1);
        LocalDate d2 = LocalDate.of(2020, 4, 1);

        assertThat(store.compareAndSetCheckpoint(new TableName("s", "blank"), null, d1)).isTrue();
        assertThat(checkpoint(name, "blank")).isEqualTo(AttributeValue.fromS("2020-03-01"));
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "absent"), null, d1)).isTrue();
        assertThat(checkpoint(name, "absent")).isEqualTo(AttributeValue.fromS("2020-03-01"));

        // someone else moved it: nothing written
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "dated"), LocalDate.of(2020, 2, 1), d2)).isFalse();
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "dated"), null, d2)).isFalse();
        assertThat(checkpoint(name, "dated")).isEqualTo(AttributeValue.fromS("2020-03-01"));
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "dated"), d1, d2)).isTrue();
        assertThat(checkpoint(name, "dated")).isEqualTo(AttributeValue.fromS("2020-04-01"));
        // a second writer with the same stale expectation loses
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "dated"), d1, LocalDate.of(2020, 5, 1))).isFalse();
        assertThat(checkpoint(name, "dated")).isEqualTo(AttributeValue.fromS("2020-04-01"));

        // the original's timestamp spelling and a mid-month monthly date are the dates the validator reads
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "stamped"), LocalDate.of(2020, 3, 21),
                LocalDate.of(2020, 3, 22))).isTrue();
        assertThat(checkpoint(name, "stamped")).isEqualTo(AttributeValue.fromS("2020-03-22"));
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "midmonth"), d1, d2)).isTrue();
        assertThat(checkpoint(name, "midmonth")).isEqualTo(AttributeValue.fromS("2020-04-01"));

        // a missing item is never created
        assertThat(store.compareAndSetCheckpoint(new TableName("s", "nope"), null, d1)).isFalse();
        assertThat(client.getItem(b -> b.tableName(name).key(RuleItems.key(new TableName("s", "nope")))).hasItem())
                .isFalse();
        // the reader sees what was written
        assertThat(store.load().rules()).filteredOn(r -> r.table().table().equals("dated"))
                .extracting(Rule::checkpoint).containsExactly(d2);
    }

    private static AttributeValue checkpoint(String table, String name) {
        return client.getItem(b -> b.tableName(table).key(RuleItems.key(new TableName("s", name)))
                .consistentRead(true)).item().get("checkpoint");
    }

    @Test
    void fromUriTalksToTheEndpoint() {
        String name = table(List.of(originalItem("s", "t")));
        try (DynamoDbRuleStore store = DynamoDbRuleStore.fromUri(DynamoDbLocal.shared().uri(name))) {
            assertThat(store.name()).isEqualTo("dynamodb://" + name);
            assertThat(store.load().rules()).hasSize(1);
        }
    }

    @Test
    void aMissingTableIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> new DynamoDbRuleStore(client, "no_such_table").load())
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("DynamoDB table no_such_table not found in us-east-1")
                .satisfies(e -> assertThat(((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.USAGE));
    }

    @Test
    void anUnreachableEndpointIsAnAwsError() {
        // no retries here, to keep the test fast; rslc's own clients retry 10 times
        try (DynamoDbClient unreachable = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:1")).region(Region.US_EAST_1)
                .credentialsProvider(AwsClients.localCredentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThatThrownBy(() -> new DynamoDbRuleStore(unreachable, "cfg").load())
                    .isInstanceOf(RslcException.class)
                    .hasMessageContaining("cannot read DynamoDB table cfg: Unable to execute HTTP request")
                    .satisfies(e -> assertThat(((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.AWS));
        }
    }
}
