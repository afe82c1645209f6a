package io.rslc.internal.archive.format;

import java.math.BigDecimal;
import java.util.List;

/**
 * JSON lines, as Redshift's {@code UNLOAD ... FORMAT JSON} writes them: one object per row on one line, keyed by
 * column name in column order. Numbers are JSON numbers (integers, exact numerics with their scale, floating point
 * in its shortest text; NaN and infinities, which JSON cannot hold, as strings), NULL is {@code null}, booleans are
 * {@code "t"}/{@code "f"} (Redshift's documentation: "boolean values are unloaded as t or f"), and every other value
 * is a string spelled as in TEXT files (dates {@code "2020-03-21"}, timestamps {@code "2020-03-21 10:00:00"}).
 */
public final class JsonRowEncoder extends RowEncoder {

    private final String[] keys;

    /** @param columns the result's columns, whose names become the keys */
    JsonRowEncoder(List<Column> columns) {
        super(',', "null");
        keys = new String[columns.size()];
        for (int i = 0; i < keys.length; i++) {
            StringBuilder k = new StringBuilder();
            string(columns.get(i).name(), k);
            keys[i] = k.append(':').toString();
        }
    }

    @Override
    void field(String s, StringBuilder out) {
        string(s, out);
    }

    @Override
    void row(Object[] values, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(keys[i]);
            value(values[i], out);
        }
        out.append("}\n");
    }

    private static void value(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigDecimal) {
            out.append(ValueText.text(v));
        } else if (v instanceof Double || v instanceof Float) {
            String text = ValueText.text(v);
            boolean finite = v instanceof Double d ? Double.isFinite(d) : Float.isFinite((Float) v);
            if (finite) {
                out.append(text);
            } else {
                string(text, out);
            }
        } else {
            string(ValueText.text(v), out);
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
