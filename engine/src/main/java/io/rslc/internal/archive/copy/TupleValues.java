package io.rslc.internal.archive.copy;

import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.format.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values of PostgreSQL's binary send formats, as {@link Column#read} would return them through the JDBC driver's
 * binary transfer (same Java types, same infinities), for the types {@link ColumnType} names. Dates count days and
 * timestamps microseconds from 2000-01-01; a {@code numeric} is base-10000 digits with a weight, a sign and a
 * display scale. The TEXT kind is only read here for PostgreSQL's text types ({@code text, varchar, bpchar, name}),
 * whose binary form is their UTF-8 text.
 */
public final class TupleValues {

    /** 2000-01-01 as days since 1970-01-01. */
    public static final int POSTGRES_EPOCH_DAY = 10_957;
    /** 2000-01-01 as seconds since 1970-01-01. */
    static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    /** 2000-01-01 as microseconds since 1970-01-01. */
    static final long POSTGRES_EPOCH_MICROS = POSTGRES_EPOCH_SECOND * 1_000_000L;

    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_INFINITY = 0xD000;
    private static final int NUMERIC_NEGATIVE_INFINITY = 0xF000;
    private TupleValues() {
    }

    /** The bytes a value of a fixed-width kind takes, or -1 for variable-width kinds (DECIMAL, TEXT). */
    static int width(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> 1;
            case SMALLINT -> 2;
            case INTEGER, DATE, REAL -> 4;
            case BIGINT, TIMESTAMP, TIMESTAMPTZ, DOUBLE -> 8;
            case DECIMAL, TEXT -> -1;
        };
    }

    /** A non-null value of {@code length} bytes at {@code at}, as the Java type documented on {@link ColumnType}. */
    public static Object value(ColumnType type, byte[] b, int at, int length) {
        return switch (type) {
            case DATE -> date(BinaryTuples.int32(b, at));
            case TIMESTAMP -> {
                long micros = BinaryTuples.int64(b, at);
                yield micros == Long.MAX_VALUE ? LocalDateTime.MAX : micros == Long.MIN_VALUE ? LocalDateTime.MIN
                        : LocalDateTime.ofEpochSecond(seconds(micros), nanos(micros), ZoneOffset.UTC);
            }
            case TIMESTAMPTZ -> {
                long micros = BinaryTuples.int64(b, at);
                yield micros == Long.MAX_VALUE ? OffsetDateTime.MAX : micros == Long.MIN_VALUE ? OffsetDateTime.MIN
                        : OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds(micros), nanos(micros)), ZoneOffset.UTC);
            }
            case BOOLEAN -> b[at] != 0;
            case SMALLINT -> BinaryTuples.int16(b, at);
            case INTEGER -> BinaryTuples.int32(b, at);
            case BIGINT -> BinaryTuples.int64(b, at);
            case REAL -> Float.intBitsToFloat(BinaryTuples.int32(b, at));
            case DOUBLE -> Double.longBitsToDouble(BinaryTuples.int64(b, at));
            case DECIMAL -> numeric(b, at, length);
            case TEXT -> new String(b, at, length, StandardCharsets.UTF_8);
        };
    }

    /** A date's value: PostgreSQL's infinities as the driver reads them ({@link LocalDate#MAX}, {@code MIN}). */
    public static LocalDate date(int days) {
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(days + (long) POSTGRES_EPOCH_DAY);
    }

    private static long seconds(long micros) {
        return Math.floorDiv(micros, 1_000_000L) + POSTGRES_EPOCH_SECOND;
    }

    private static int nanos(long micros) {
        return (int) Math.floorMod(micros, 1_000_000L) * 1_000;
    }

    /**
     * A {@code numeric} as a BigDecimal of its display scale (as the driver reads it), or {@code "NaN"},
     * {@code "Infinity"}, {@code "-Infinity"}.
     */
    static Object numeric(byte[] b, int at, int length) {
        int digits = numericDigits(b, at, length);
        int weight = BinaryTuples.int16(b, at + 2);
        int sign = BinaryTuples.int16(b, at + 4) & 0xFFFF;
        int scale = BinaryTuples.int16(b, at + 6) & 0xFFFF;
        switch (sign) {
            case NUMERIC_NAN -> {
                return "NaN";
            }
            case NUMERIC_INFINITY -> {
                return "Infinity";
            }
            case NUMERIC_NEGATIVE_INFINITY -> {
                return "-Infinity";
            }
            default -> {
                // below
            }
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < digits; i++) {
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(BinaryTuples.int16(b, at + 8 + 2 * i)));
        }
        // value = unscaled * 10000^(weight - digits + 1)
        BigDecimal value = new BigDecimal(sign == NUMERIC_NEGATIVE ? unscaled.negate() : unscaled,
                -4 * (weight - digits + 1));
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return value; // digits beyond the display scale: keep them all
        }
    }

    /**
     * A finite {@code numeric}'s value times 10^{@code scale}, if that is a whole number of at most 18 digits; else
     * {@link Long#MIN_VALUE} (NaN, infinities, more fractional digits, too large): no BigDecimal for the common case.
     */
    static long unscaledLong(byte[] b, int at, int length, int scale) {
        int digits = numericDigits(b, at, length);
        int weight = BinaryTuples.int16(b, at + 2);
        int sign = BinaryTuples.int16(b, at + 4) & 0xFFFF;
        if (sign != 0 && sign != NUMERIC_NEGATIVE) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (int i = 0; i < digits; i++) {
            long d = BinaryTuples.int16(b, at + 8 + 2 * i);
            int exponent = 4 * (weight - i) + scale; // this digit's power of ten at the scale
            if (exponent < 0) {
                if (exponent < -4 || d % ColumnType.tenTo(-exponent) != 0) {
                    if (d != 0) {
                        return Long.MIN_VALUE;
                    }
                    continue;
                }
                d /= ColumnType.tenTo(-exponent);
                exponent = 0;
            }
            if (d == 0) {
                continue;
            }
            if (exponent > 18) {
                return Long.MIN_VALUE;
            }
            long term = d * ColumnType.tenTo(exponent);
            if (term / ColumnType.tenTo(exponent) != d || (v += term) < 0) {
                return Long.MIN_VALUE;
            }
        }
        return sign == NUMERIC_NEGATIVE ? -v : v;
    }

    private static int numericDigits(byte[] b, int at, int length) {
        int digits = length < 8 ? -1 : BinaryTuples.int16(b, at) & 0xFFFF;
        if (digits < 0 || 8 + 2 * digits != length) {
            throw new IllegalArgumentException("a binary numeric of " + length + " bytes that does not hold its digits");
        }
        return digits;
    }
}
