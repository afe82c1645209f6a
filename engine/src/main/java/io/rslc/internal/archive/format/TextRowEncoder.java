package io.rslc.internal.archive.format;

/**
 * Redshift's default unload text: fields joined by the delimiter ({@code |}), NULL as the NULL AS text (empty by
 * default, never quoted, so with ADDQUOTES it stays distinct from an empty string), ADDQUOTES wraps every other
 * field in double quotes, ESCAPE puts a backslash before line feed, carriage return, the delimiter, backslash and,
 * with ADDQUOTES, quote characters ({@code "} and {@code '}, as Redshift documents).
 */
public final class TextRowEncoder extends RowEncoder {

    private final boolean addQuotes;
    private final boolean escape;

    TextRowEncoder(char delimiter, boolean addQuotes, boolean escape, String nullAs) {
        super(delimiter, nullAs);
        this.addQuotes = addQuotes;
        this.escape = escape;
    }

    @Override
    void field(String s, StringBuilder out) {
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
