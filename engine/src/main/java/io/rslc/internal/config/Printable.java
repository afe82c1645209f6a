package io.rslc.internal.config;

/**
 * Text from a configuration or a command line made safe to echo on a terminal: control characters, invisible
 * formatting characters (bidirectional overrides, zero-width ones) and unassigned code points are written as
 * {@code \xNN} or {@code <U+NNNN>} escapes, so a file of binary garbage cannot move the cursor, change colours or
 * reorder what a person reads. Backslashes are left alone, so escaping twice changes nothing.
 * {@code io.rslc.api.Problem} applies the same rule to every problem it holds.
 */
public final class Printable {

    /** Longest value echoed back in a message; longer ones are cut with {@code ...}. */
    public static final int MAX_ECHO = 80;

    private Printable() {
    }

    /** {@code text} with every non-printable code point escaped. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!printable(cp)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(cp < 0x100 ? String.format("\\x%02x", cp) : String.format("<U+%04X>", cp));
            } else if (sb != null) {
                sb.append(text, i, next);
            }
            i = next;
        }
        return sb == null ? text : sb.toString();
    }

    /** A configured value as messages quote it: escaped, and cut after {@link #MAX_ECHO} characters. */
    public static String shown(String value) {
        String v = escape(value);
        return v.length() <= MAX_ECHO ? v : v.substring(0, MAX_ECHO) + "...";
    }

    static boolean printable(int cp) {
        if (cp == 0xFFFD) {
            return false; // what a byte that is not UTF-8 decodes to: the byte is gone, say so visibly
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE,
                 Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
