package io.rslc.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration row as text, before validation: field name to raw value, plus where it came from. Both the CSV
 * and the DynamoDB rule stores produce these, so both give the same messages for the same mistakes.
 *
 * @param source   file path or {@code dynamodb://table}
 * @param location {@code line 3} or {@code item s.t}
 * @param line     1-based line, 0 if not from a file
 * @param fields   field name to raw text (absent fields are missing, blank ones are empty strings)
 */
public record RuleRecord(String source, String location, int line, Map<String, String> fields) {

    public RuleRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The raw value, or {@code ""} if the field is absent. */
    public String get(String field) {
        String v = fields.get(field);
        return v == null ? "" : v;
    }

    /** The origin string for a rule built from this record ({@code config.csv line 3}). */
    public String origin() {
        return location.isEmpty() ? source : source + " " + location;
    }

    /** A copy with one field changed (used to write a new checkpoint back in the original's format). */
    public RuleRecord with(String field, String value) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(field, value);
        return new RuleRecord(source, location, line, copy);
    }
}
