package io.rslc.internal.restore;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} text format: tab-separated, {@code \N} for NULL, backslash escapes
 * for backslash, tab, newline and carriage return, one row per line. Any value survives it unchanged.
 */
final class CopyText {

    private CopyText() {
    }

    /** Appends one row, with its line end. */
    static void append(String[] values, StringBuilder sb) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            String v = values[i];
            if (v == null) {
                sb.append("\\N");
                continue;
            }
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
        }
        sb.append('\n');
    }
}
