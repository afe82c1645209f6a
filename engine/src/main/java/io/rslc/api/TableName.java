package io.rslc.api;

import java.util.Objects;

/**
 * A schema-qualified table name, kept exactly as configured (no case folding). Quoting happens when SQL is
 * rendered, never here; {@link #toString()} is for people ({@code s.t}), as in the original's log lines.
 */
public record TableName(String schema, String table) implements Comparable<TableName> {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** Parses {@code schema.table} as given on a command line (first dot splits). */
    public static TableName parse(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("expected schema.table, got '" + qualified + "'");
        }
        return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public int compareTo(TableName o) {
        int c = table.compareTo(o.table);
        return c != 0 ? c : schema.compareTo(o.schema);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
