package io.rslc.internal.aws;

import static io.rslc.internal.config.RuleFields.SCHEMA_NAME;
import static io.rslc.internal.config.RuleFields.TABLE_NAME;

import io.rslc.api.Problem;
import io.rslc.api.TableName;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.config.RuleRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between configuration rows and DynamoDB items in the original loader's attribute types: {@code header},
 * {@code add_quotes}, {@code escape} and {@code parallel} as numbers (N), everything else as strings (S), blank as
 * the empty string. A blank or non-numeric value of a numeric field is stored as a string so that it reads back
 * exactly as written (DynamoDB has no empty number and would normalise {@code 01} to {@code 1}).
 */
public final class RuleItems {

    /** Numbers written as N: a plain integer without leading zeros, so DynamoDB stores the same digits. */
    private static final Pattern CANONICAL_INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,20})");

    /**
     * An item read back as a row.
     *
     * @param record   the row (fields rendered as text), never null
     * @param problems what is wrong with the item's shape (missing keys, lists, maps, unknown attributes)
     * @param key      the item's key, or null if {@code schema_name}/{@code table_name} are missing or not strings
     */
    public record Converted(RuleRecord record, List<Problem> problems, TableName key) {
        public Converted {
            problems = List.copyOf(problems);
        }
    }

    private RuleItems() {
    }

    /** The item for a row: every field the row has, in the original's attribute types. */
    public static Map<String, AttributeValue> toItem(RuleRecord record) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (String field : RuleFields.IN_DYNAMODB) {
            if (!record.fields().containsKey(field)) {
                continue;
            }
            String v = record.get(field);
            boolean number = RuleFields.NUMERIC_IN_DYNAMODB.contains(field) && CANONICAL_INTEGER.matcher(v).matches();
            item.put(field, number ? AttributeValue.fromN(v) : AttributeValue.fromS(v));
        }
        return item;
    }

    /** The key of a row or item: {@code schema_name} and {@code table_name}. */
    public static Map<String, AttributeValue> key(TableName table) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(SCHEMA_NAME, AttributeValue.fromS(table.schema()));
        key.put(TABLE_NAME, AttributeValue.fromS(table.table()));
        return key;
    }

    /**
     * Reads an item as a row: strings as is, numbers as DynamoDB returns them ({@code 1}, {@code 0}), booleans as
     * {@code true}/{@code false}, NULL as blank. Location {@code item schema.table}, line 0.
     *
     * @param source {@code dynamodb://TABLE}
     */
    public static Converted toRecord(String source, Map<String, AttributeValue> item) {
        String schema = keyText(item.get(SCHEMA_NAME));
        String table = keyText(item.get(TABLE_NAME));
        String location = "item " + (schema == null ? describe(item.get(SCHEMA_NAME)) : schema) + "."
                + (table == null ? describe(item.get(TABLE_NAME)) : table);
        List<Problem> problems = new ArrayList<>();
        for (String keyField : List.of(SCHEMA_NAME, TABLE_NAME)) {
            AttributeValue v = item.get(keyField);
            if (keyText(v) == null) {
                problems.add(error(source, location, keyField, (v == null ? "is missing" : "is " + typeName(v))
                        + "; every item needs schema_name and table_name as non-empty strings (S), the key of the"
                        + " original's table"));
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : RuleFields.IN_DYNAMODB) {
            AttributeValue v = item.get(field);
            if (v == null) {
                continue;
            }
            String text = text(v);
            if (text == null) {
                problems.add(error(source, location, field, "is " + typeName(v)
                        + "; expected a string (S) or a number (N)"));
            } else {
                fields.put(field, text);
            }
        }
        item.keySet().stream().filter(a -> !RuleFields.IN_DYNAMODB.contains(a)).sorted().forEach(a ->
                problems.add(new Problem(Problem.Severity.WARNING, source, location, 0, a,
                        "is not a configuration attribute and is ignored")));
        TableName key = schema != null && table != null ? new TableName(schema, table) : null;
        return new Converted(new RuleRecord(source, location, 0, fields), problems, key);
    }

    /** The text of a scalar attribute, or null for sets, lists, maps and binaries. */
    static String text(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return v.n();
        }
        if (v.bool() != null) {
            return v.bool().toString();
        }
        if (Boolean.TRUE.equals(v.nul())) {
            return "";
        }
        return null;
    }

    private static String keyText(AttributeValue v) {
        return v == null || v.s() == null || v.s().isEmpty() ? null : v.s();
    }

    /** How a broken key shows up in a location: {@code <missing>}, or the number's digits. */
    private static String describe(AttributeValue v) {
        if (v == null) {
            return "<missing>";
        }
        String t = text(v);
        return t == null || t.isEmpty() ? "<" + typeName(v) + ">" : t;
    }

    static String typeName(AttributeValue v) {
        return switch (v.type()) {
            case S -> "an empty string (S)";
            case N -> "a number (N)";
            case B -> "binary (B)";
            case SS -> "a string set (SS)";
            case NS -> "a number set (NS)";
            case BS -> "a binary set (BS)";
            case M -> "a map (M)";
            case L -> "a list (L)";
            case BOOL -> "a boolean (BOOL)";
            case NUL -> "null (NULL)";
            default -> "of an unknown type";
        };
    }

    private static Problem error(String source, String location, String field, String message) {
        return new Problem(Problem.Severity.ERROR, source, location, 0, field, message);
    }
}
