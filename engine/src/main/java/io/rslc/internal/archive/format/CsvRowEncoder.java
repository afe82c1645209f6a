package io.rslc.internal.archive.format;

/**
 * RFC 4180 CSV: a field is quoted when it contains the delimiter, a quote, CR or LF, quotes inside are doubled.
 * NULL is the NULL AS text (empty by default), unquoted; a non-null value that equals it is quoted (as
 * PostgreSQL's COPY does), so NULL and an empty string stay distinct.
 */
public final class CsvRowEncoder extends RowEncoder {

    CsvRowEncoder(char delimiter, String nullAs) {
        super(delimiter, nullAs);
    }

    @Override
    void field(String s, StringBuilder out) {
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
