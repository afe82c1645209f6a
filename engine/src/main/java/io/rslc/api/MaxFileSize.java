package io.rslc.api;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code MAXFILESIZE} value such as {@code 1 gb} or {@code 500 MB}. Redshift accepts 5 MB to 6.2 GB.
 */
public record MaxFileSize(BigDecimal amount, Unit unit) {

    /** Size unit; Redshift's MB and GB are binary (1 MB = 1,048,576 bytes). */
    public enum Unit {
        MB(1L << 20), GB(1L << 30);

        private final long bytes;

        Unit(long bytes) {
            this.bytes = bytes;
        }

        public long bytes() {
            return bytes;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,7}(?:\\.\\d{1,3})?)\\s*(mb|gb)", Pattern.CASE_INSENSITIVE);
    /** Smallest size Redshift accepts. */
    public static final long MIN_BYTES = 5L << 20;
    /** Largest size Redshift accepts (6.2 GB). */
    public static final long MAX_BYTES = new BigDecimal("6.2").multiply(BigDecimal.valueOf(Unit.GB.bytes)).longValue();

    public MaxFileSize {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }

    /** Parses {@code 1 gb}, {@code 500mb}, {@code 6.2 GB}; empty if the text is not a size. Range is not checked. */
    public static Optional<MaxFileSize> parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new MaxFileSize(new BigDecimal(m.group(1)),
                Unit.valueOf(m.group(2).toUpperCase(Locale.ROOT))));
    }

    /** The size in bytes. */
    public long bytes() {
        return amount.multiply(BigDecimal.valueOf(unit.bytes)).longValue();
    }

    /** True if Redshift accepts this size (5 MB to 6.2 GB). */
    public boolean inRange() {
        long b = bytes();
        return b >= MIN_BYTES && b <= MAX_BYTES;
    }

    /** The SQL spelling: {@code 1 GB}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + unit;
    }
}
