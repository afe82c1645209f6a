package io.rslc.internal.archive.format;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How values are spelled in TEXT and CSV files and in partition folder names, following what Redshift's UNLOAD
 * writes: dates {@code 2020-03-21}, timestamps {@code 2020-03-21 10:00:00.5} (fraction only as long as needed),
 * timestamptz in UTC with {@code +00}, booleans {@code t}/{@code f}, numbers without exponent where reasonable.
 */
public final class ValueText {

    private ValueText() {
    }

    /** The text of a non-null value of a column in a data file. */
    public static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (LocalDate.MAX.equals(v) || LocalDateTime.MAX.equals(v) || OffsetDateTime.MAX.equals(v)) {
            return "infinity"; // PostgreSQL's infinite dates and timestamps, as the driver reads them
        }
        if (LocalDate.MIN.equals(v) || LocalDateTime.MIN.equals(v) || OffsetDateTime.MIN.equals(v)) {
            return "-infinity";
        }
        if (v instanceof LocalDate d) {
            return date(d);
        }
        if (v instanceof LocalDateTime t) {
            return date(t.toLocalDate()) + " " + time(t.toLocalTime());
        }
        if (v instanceof OffsetDateTime t) {
            LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            return date(utc.toLocalDate()) + " " + time(utc.toLocalTime()) + "+00";
        }
        if (v instanceof Double d) {
            return floating(d, Double.toString(d));
        }
        if (v instanceof Float f) {
            return floating(f, Float.toString(f));
        }
        return String.valueOf(v);
    }

    /** The text of a value in a Hive partition folder name (before escaping): booleans are {@code true}/{@code false}. */
    public static String partition(Object v) {
        return v instanceof Boolean b ? b.toString() : text(v);
    }

    private static String date(LocalDate d) {
        int y = d.getYear();
        if (y < 0 || y > 9999) {
            return d.toString();
        }
        StringBuilder sb = new StringBuilder(10);
        pad(sb, y, 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        return pad(sb, d.getDayOfMonth(), 2).toString();
    }

    /** {@code HH:mm:ss} plus the fraction of the second without trailing zeros. */
    private static String time(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            sb.append('.');
            pad(sb, nanos, 9);
            int end = sb.length();
            while (sb.charAt(end - 1) == '0') {
                end--;
            }
            sb.setLength(end);
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /**
     * Shortest text that reads back to the same float/double; plain digits between 1e-6 and 1e21, else
     * PostgreSQL's exponent style {@code 1e+25}. NaN and infinities as PostgreSQL spells them.
     */
    private static String floating(double d, String javaText) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(javaText).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }
}
