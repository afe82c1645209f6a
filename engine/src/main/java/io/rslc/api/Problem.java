package io.rslc.api;

import java.util.Objects;

/**
 * Something wrong with the configuration, located precisely enough to fix: the source (file or table), the
 * place in it (line number or item key), the field, and the reason. Errors drop the rule; warnings keep it. Text
 * is kept printable: control and invisible characters a configuration may hold are written as {@code \xNN} or
 * {@code <U+NNNN>}, so a problem is always one line that is safe to show on a terminal.
 *
 * @param severity error or warning
 * @param source   the file path or {@code dynamodb://table}
 * @param location {@code line 3}, {@code item test.ret_test_1}, or empty for the whole source
 * @param line     the 1-based line number, or 0 when the source has no lines
 * @param field    the configuration field ({@code retention_period}), or empty
 * @param message  the reason, in plain words
 */
public record Problem(Severity severity, String source, String location, int line, String field, String message) {

    /** Whether the problem drops the rule. */
    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        source = printable(source);
        location = printable(location);
        field = printable(field);
        message = printable(message);
    }

    /** The same rule as the CLI's: escape what a terminal would act on or not show (internal Printable). */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean hidden = cp == 0xFFFD || type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            if (!hidden) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(cp < 0x100 ? String.format("\\x%02x", cp) : String.format("<U+%04X>", cp));
            }
        });
        return sb.toString();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code config.csv line 3, retention_period: must be a whole number, got 'abc'}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (!location.isEmpty()) {
            sb.append(' ').append(location);
        }
        if (!field.isEmpty()) {
            sb.append(", ").append(field);
        }
        return sb.append(": ").append(message).toString();
    }
}
