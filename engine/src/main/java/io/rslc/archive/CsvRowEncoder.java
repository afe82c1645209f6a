package io.rslc.archive;

import java.util.List;

/**
 * RFC 4180 CSV: a field is quoted when it contains the delimiter, a quote, CR or LF, quotes inside are doubled.
 * NULL is the NULL AS text (empty by default), unquoted; a non-null value that equals it is quoted (as
 * PostgreSQL's COPY does), so NULL and an empty string stay distinct.
 */
final class CsvRowEncoder implements RowEncoder {

    private final char delimiter;
    private final String nullAs;

    CsvRowEncoder(char delimiter, String nullAs) {
        this.delimiter = delimiter;
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
        if (!needsQuotes(s)) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private boolean needsQuotes(String s) {
        if (s.equals(nullAs)) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
