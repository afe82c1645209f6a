package io.rslc.api;

import java.util.Objects;

/**
 * Something wrong with the configuration, located precisely enough to fix: the source (file or table), the
 * place in it (line number or item key), the field, and the reason. Errors drop the rule; warnings keep it.
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
