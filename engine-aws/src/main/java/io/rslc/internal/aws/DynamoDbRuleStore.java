package io.rslc.internal.aws;

import static io.rslc.internal.config.RuleFields.CHECKPOINT;
import static io.rslc.internal.config.RuleFields.GRANULARITY_LEVEL;
import static io.rslc.internal.config.RuleFields.SCHEMA_NAME;
import static io.rslc.internal.config.RuleFields.TABLE_NAME;

import io.rslc.api.Granularity;
import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.internal.config.RuleRecord;
import io.rslc.internal.config.RuleValidator;
import io.rslc.internal.exec.CrashPoints;
import io.rslc.spi.RuleStore;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Rules in the original's DynamoDB table, read as is (partition key {@code schema_name}, sort key
 * {@code table_name}, the loader's attribute types), so a deployment of the AWS sample switches to rslc without
 * touching its configuration. Items are validated by {@link RuleValidator} exactly like CSV rows; checkpoints are
 * written back in the original's string format with a conditional update, so two writers never overwrite each
 * other's progress.
 */
public final class DynamoDbRuleStore implements RuleStore {

    private final DynamoDbConfigTable table;
    private final DynamoDbClient client;
    private final Set<TableName> only;
    private final boolean ownsClient;
    private final Integer pageSize;

    private DynamoDbRuleStore(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.table = new DynamoDbConfigTable(b.client, Objects.requireNonNull(b.table, "table"))
                .withPageSize(b.pageSize);
        this.only = b.only == null ? null : Set.copyOf(b.only);
        this.ownsClient = b.ownsClient;
        this.pageSize = b.pageSize;
    }

    /** A store reading every item of {@code table} through {@code client} (which the caller closes). */
    public DynamoDbRuleStore(DynamoDbClient client, String table) {
        this(builder().client(client).table(table));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens {@code dynamodb://TABLE?region=R&endpoint=http://127.0.0.1:8000}. With an endpoint, the environment's
     * AWS credentials are used if set, else dummy ones (DynamoDB Local accepts any). The store owns its client.
     *
     * @throws RslcException with {@code USAGE} for a malformed URI
     */
    public static DynamoDbRuleStore fromUri(String uri) {
        DynamoDbUri parsed = DynamoDbUri.parse(uri);
        return builder().client(parsed.client()).table(parsed.table()).ownsClient(true).build();
    }

    /**
     * A store reading only these tables (a Query per schema instead of a Scan); null or empty = all. It shares
     * this store's client; closing it never closes the client (close this store for that).
     */
    public DynamoDbRuleStore only(Set<TableName> tables) {
        return builder().client(client).table(table.name()).only(tables == null || tables.isEmpty() ? null : tables)
                .pageSize(pageSize).build();
    }

    /** The DynamoDB table name. */
    public String table() {
        return table.name();
    }

    @Override
    public String name() {
        return table.source();
    }

    @Override
    public RuleSet load() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (only == null) {
            items.addAll(table.scanAll());
        } else {
            for (String schema : new TreeSet<>(only.stream().map(TableName::schema).toList())) {
                table.querySchema(schema).stream().filter(i -> only.contains(keyOf(i))).forEach(items::add);
            }
        }
        return toRuleSet(name(), items);
    }

    /**
     * Converts and validates items: shape problems first, then the validator's, in key order. An item with a
     * shape error (an attribute of a type no field can hold) is left out, as a row with any error is; its other
     * fields are still validated, so every mistake is reported at once.
     */
    static RuleSet toRuleSet(String source, List<Map<String, AttributeValue>> items) {
        List<RuleItems.Converted> converted = new ArrayList<>(items.stream()
                .map(i -> RuleItems.toRecord(source, i)).toList());
        converted.sort(Comparator.comparing((RuleItems.Converted c) -> c.record().location()));
        List<Problem> problems = new ArrayList<>();
        List<RuleRecord> records = new ArrayList<>();
        java.util.Set<TableName> misshapen = new java.util.HashSet<>();
        for (RuleItems.Converted c : converted) {
            problems.addAll(c.problems());
            if (c.key() != null) {
                records.add(c.record());
                if (c.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
                    misshapen.add(c.key());
                }
            }
        }
        RuleSet validated = RuleValidator.validate(source, records);
        problems.addAll(validated.problems());
        return new RuleSet(source, validated.rules().stream().filter(r -> !misshapen.contains(r.table())).toList(),
                problems);
    }

    private static TableName keyOf(Map<String, AttributeValue> item) {
        AttributeValue s = item.get(SCHEMA_NAME);
        AttributeValue t = item.get(TABLE_NAME);
        return s == null || t == null || s.s() == null || t.s() == null ? null : new TableName(s.s(), t.s());
    }

    /**
     * Writes {@code next} as {@code YYYY-MM-DD} if the stored checkpoint still reads as {@code expected}. One
     * conditional UpdateItem covers the usual case (stored text equals {@code expected}, or for null: absent or
     * empty). If that fails, the item is read again: when its checkpoint is the same date in another spelling the
     * original wrote or a person typed (a timestamp {@code 2020-03-21 17:02:11}, spaces, a mid-month date of a
     * monthly rule), the update is retried conditioned on that exact stored value, mirroring how
     * {@link RuleValidator} read it; otherwise someone else moved it and nothing is written.
     */
    @Override
    public boolean compareAndSetCheckpoint(TableName tableName, LocalDate expected, LocalDate next) {
        Map<String, AttributeValue> key = RuleItems.key(tableName);
        AttributeValue nextValue = AttributeValue.fromS(next == null ? "" : next.toString());
        Map<String, String> names = Map.of("#cp", CHECKPOINT, "#s", SCHEMA_NAME);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":new", nextValue);
        String condition;
        if (expected == null) {
            condition = "attribute_exists(#s) AND (attribute_not_exists(#cp) OR #cp = :empty)";
            values.put(":empty", AttributeValue.fromS(""));
        } else {
            condition = "#cp = :expected";
            values.put(":expected", AttributeValue.fromS(expected.toString()));
        }
        if (update(tableName, key, condition, names, values)) {
            return true;
        }
        Map<String, AttributeValue> item;
        try {
            item = client.getItem(b -> b.tableName(table.name()).key(key).consistentRead(true)
                    .projectionExpression("#cp, #g").expressionAttributeNames(Map.of("#cp", CHECKPOINT,
                            "#g", GRANULARITY_LEVEL))).item();
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot read the checkpoint of " + tableName + " from DynamoDB table "
                    + table.name(), e);
        }
        if (item == null || item.isEmpty()) {
            return false; // the item was deleted
        }
        AttributeValue stored = item.get(CHECKPOINT);
        String storedText = stored == null ? "" : RuleItems.text(stored);
        AttributeValue granularity = item.get(GRANULARITY_LEVEL);
        String read = readAsDate(storedText, granularity == null ? null : RuleItems.text(granularity));
        if (read == null || !read.equals(expected == null ? "" : expected.toString())) {
            return false;
        }
        Map<String, AttributeValue> retryValues = new HashMap<>();
        retryValues.put(":new", nextValue);
        if (stored == null) {
            return update(tableName, key, "attribute_exists(#s) AND attribute_not_exists(#cp)", names, retryValues);
        }
        retryValues.put(":old", stored);
        return update(tableName, key, "#cp = :old", names, retryValues);
    }

    /** What the validator reads a stored checkpoint as, or null if it reads nothing sensible. */
    private static String readAsDate(String stored, String granularity) {
        String v = stored == null ? "" : stored.trim();
        if (v.isEmpty()) {
            return "";
        }
        String datePart = v.length() > 10 && (v.charAt(10) == ' ' || v.charAt(10) == 'T') ? v.substring(0, 10) : v;
        try {
            LocalDate d = LocalDate.parse(datePart);
            if (Granularity.parse(granularity).orElse(null) == Granularity.MONTHLY) {
                d = d.withDayOfMonth(1);
            }
            return d.toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private boolean update(TableName tableName, Map<String, AttributeValue> key, String condition,
                           Map<String, String> names, Map<String, AttributeValue> values) {
        Map<String, String> usedNames = new HashMap<>();
        names.forEach((k, v) -> {
            if (condition.contains(k) || k.equals("#cp")) {
                usedNames.put(k, v);
            }
        });
        try {
            CrashPoints.reach("checkpoint-write");
            client.updateItem(b -> b.tableName(table.name()).key(key)
                    .updateExpression("SET #cp = :new")
                    .conditionExpression(condition)
                    .expressionAttributeNames(usedNames)
                    .expressionAttributeValues(values));
            CrashPoints.reach("after-checkpoint-write");
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (ResourceNotFoundException e) {
            throw new RslcException(RslcException.ErrorCode.AWS, "cannot write the checkpoint of " + tableName
                    + ": DynamoDB table " + table.name() + " no longer exists", e);
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot write the checkpoint of " + tableName + " to DynamoDB table "
                    + table.name(), e);
        }
    }

    /** Closes the client if this store created it ({@link #fromUri}). */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Options of a {@link DynamoDbRuleStore}. */
    public static final class Builder {
        private DynamoDbClient client;
        private String table;
        private Set<TableName> only;
        private Integer pageSize;
        private boolean ownsClient;

        private Builder() {
        }

        /** The client (with endpointOverride for DynamoDB Local); required. */
        public Builder client(DynamoDbClient client) {
            this.client = client;
            return this;
        }

        /** The configuration table's name; required. */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** Read only these tables (a Query per schema); null = all (one paginated Scan). */
        public Builder only(Set<TableName> tables) {
            this.only = tables == null ? null : new LinkedHashSet<>(tables);
            return this;
        }

        /** Whether {@link DynamoDbRuleStore#close()} closes the client (default false). */
        public Builder ownsClient(boolean owns) {
            this.ownsClient = owns;
            return this;
        }

        /** Items per Scan/Query page; tests use a small value to exercise pagination. */
        Builder pageSize(Integer items) {
            this.pageSize = items;
            return this;
        }

        public DynamoDbRuleStore build() {
            return new DynamoDbRuleStore(this);
        }
    }
}
