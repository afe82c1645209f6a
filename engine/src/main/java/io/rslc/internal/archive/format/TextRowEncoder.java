package io.rslc.internal.archive.format;

import io.rslc.api.RslcException;

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

    /**
     * A value with a line feed or the delimiter, written without ESCAPE or ADDQUOTES, would split its row for every
     * reader (rslc verify and restore, Spectrum, Athena): refuse it before the rows are deleted.
     */
    private RslcException unreadable(String s) {
        String what = s.indexOf('\n') >= 0 ? "a line break" : "the delimiter '" + delimiter + "'";
        return new RslcException(RslcException.ErrorCode.ARCHIVE, "a value contains " + what + ", which TEXT "
                + "without escape or add_quotes cannot write readably (every reader would see a broken row); set "
                + "escape to 1, or use CSV or PARQUET; nothing was deleted");
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
            if (!addQuotes && (s.indexOf('\n') >= 0 || s.indexOf(delimiter) >= 0)) {
                throw unreadable(s);
            }
            out.append(s);
        }
        if (addQuotes) {
            out.append('"');
        }
    }
}
