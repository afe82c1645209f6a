package io.rslc.archive;

import java.util.List;

/**
 * Redshift's default unload text: fields joined by the delimiter ({@code |}), NULL as the NULL AS text (empty by
 * default, never quoted, so with ADDQUOTES it stays distinct from an empty string), ADDQUOTES wraps every other
 * field in double quotes, ESCAPE puts a backslash before line feed, carriage return, the delimiter, backslash and,
 * with ADDQUOTES, quote characters ({@code "} and {@code '}, as Redshift documents).
 */
final class TextRowEncoder implements RowEncoder {

    private final char delimiter;
    private final boolean addQuotes;
    private final boolean escape;
    private final String nullAs;

    TextRowEncoder(char delimiter, boolean addQuotes, boolean escape, String nullAs) {
        this.delimiter = delimiter;
        this.addQuotes = addQuotes;
        this.escape = escape;
        this.nullAs = nullAs;
    }

    @Override
    public void row(Object[] values, StringBuilder out) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            if (values[i] == null) {
                out.append(nullAs);
            } else {
                field(ValueText.text(values[i]), out);
            }
        }
        out.append('\n');
    }

    @Override
    public void header(List<Column> columns, StringBuilder out) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            field(columns.get(i).name(), out);
        }
        out.append('\n');
    }

    private void field(String s, StringBuilder out) {
        if (addQuotes) {
            out.append('"');
        }
        if (escape) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r' || c == '\\' || c == delimiter || (addQuotes && (c == '"' || c == '\''))) {
                    out.append('\\');
                }
                out.append(c);
            }
        } else {
            out.append(s);
        }
        if (addQuotes) {
            out.append('"');
        }
    }
}
