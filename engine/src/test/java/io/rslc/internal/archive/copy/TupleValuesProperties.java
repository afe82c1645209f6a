package io.rslc.internal.archive.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.archive.format.ColumnType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * PostgreSQL's binary {@code numeric}, date and timestamp forms read as the JDBC driver reads them. The numerics
 * are encoded here the way PostgreSQL's {@code numeric_send} does (base-10000 digit groups aligned on the decimal
 * point, leading and trailing zero groups stripped, the display scale kept), from random BigDecimals.
 */
public class TupleValuesProperties {

    @Property(tries = 2000)
    void aNumericReadsBackAsTheSameBigDecimalWithItsScale(@ForAll("decimals") BigDecimal v) {
        byte[] b = numericSend(v);
        Object read = TupleValues.numeric(b, 0, b.length);
        assertThat(read).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) read).scale()).isEqualTo(v.scale());
        assertThat((BigDecimal) read).isEqualTo(v); // equals: same value AND same scale
    }

    @Property(tries = 2000)
    void theUnscaledFastPathAgreesWithBigDecimalOrStepsAside(@ForAll("decimals") BigDecimal v,
                                                               @ForAll("scales") int scale) {
        byte[] b = numericSend(v);
        long fast = TupleValues.unscaledLong(b, 0, b.length, scale);
        BigInteger exact;
        try {
            exact = v.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        } catch (ArithmeticException e) {
            exact = null; // more fractional digits than the scale
        }
        if (exact != null && exact.bitLength() <= 63 && exact.longValueExact() != Long.MIN_VALUE) {
            assertThat(fast).isEqualTo(exact.longValueExact());
        } else {
            assertThat(fast).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Example
    void specialNumericsReadAsTheDriversText() {
        assertThat(TupleValues.numeric(special(0xC000), 0, 8)).isEqualTo("NaN");
        assertThat(TupleValues.numeric(special(0xD000), 0, 8)).isEqualTo("Infinity");
        assertThat(TupleValues.numeric(special(0xF000), 0, 8)).isEqualTo("-Infinity");
        assertThat(TupleValues.unscaledLong(special(0xC000), 0, 8, 2)).isEqualTo(Long.MIN_VALUE);
    }

    @Property(tries = 500)
    void datesAndTimestampsCountFrom2000(@ForAll("days") int days, @ForAll("micros") long micros) {
        LocalDate d = (LocalDate) TupleValues.value(ColumnType.DATE, int32(days), 0, 4);
        assertThat(d).isEqualTo(LocalDate.of(2000, 1, 1).plusDays(days));
        LocalDateTime t = (LocalDateTime) TupleValues.value(ColumnType.TIMESTAMP, int64(micros), 0, 8);
        assertThat(t).isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0).plusNanos(0).plusSeconds(Math.floorDiv(micros,
                1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L));
        OffsetDateTime z = (OffsetDateTime) TupleValues.value(ColumnType.TIMESTAMPTZ, int64(micros), 0, 8);
        assertThat(z.toLocalDateTime()).isEqualTo(t);
        assertThat(z.getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Example
    void infinitiesReadAsTheDriversExtremes() {
        assertThat(TupleValues.value(ColumnType.DATE, int32(Integer.MAX_VALUE), 0, 4)).isEqualTo(LocalDate.MAX);
        assertThat(TupleValues.value(ColumnType.DATE, int32(Integer.MIN_VALUE), 0, 4)).isEqualTo(LocalDate.MIN);
        assertThat(TupleValues.value(ColumnType.TIMESTAMP, int64(Long.MAX_VALUE), 0, 8)).isEqualTo(LocalDateTime.MAX);
        assertThat(TupleValues.value(ColumnType.TIMESTAMPTZ, int64(Long.MIN_VALUE), 0, 8))
                .isEqualTo(OffsetDateTime.MIN);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000_000, 1_000_000).map(BigInteger::valueOf),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                Arbitraries.of(0L, 1L, -1L, 10_000L, 99_999_999L, 100_000_000L, 9_999L).map(BigInteger::valueOf));
        return Combinators.combine(unscaled, Arbitraries.integers().between(0, 20)).as(BigDecimal::new);
    }

    @Provide
    Arbitrary<Integer> scales() {
        return Arbitraries.integers().between(0, 12);
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between(-2_451_545, 2_900_000); // 4713 BC .. about 9940 AD
    }

    @Provide
    Arbitrary<Long> micros() {
        return Arbitraries.longs().between(-211_813_488_000_000_000L, 252_423_993_599_999_999L); // 4713 BC .. 9999 AD
    }

    /** PostgreSQL's {@code numeric_send} of a BigDecimal of scale >= 0. */
    static byte[] numericSend(BigDecimal v) {
        int dscale = v.scale();
        String digits = v.unscaledValue().abs().toString();
        while (digits.length() <= dscale) {
            digits = "0" + digits;
        }
        String integer = digits.substring(0, digits.length() - dscale);
        String fraction = digits.substring(digits.length() - dscale);
        while (integer.length() % 4 != 0) {
            integer = "0" + integer;
        }
        while (fraction.length() % 4 != 0) {
            fraction = fraction + "0";
        }
        List<Integer> groups = new ArrayList<>();
        String all = integer + fraction;
        for (int i = 0; i < all.length(); i += 4) {
            groups.add(Integer.parseInt(all.substring(i, i + 4)));
        }
        int weight = integer.length() / 4 - 1;
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int16(out, groups.size());
        int16(out, weight);
        int16(out, v.signum() < 0 ? 0x4000 : 0);
        int16(out, dscale);
        groups.forEach(g -> int16(out, g));
        return out.toByteArray();
    }

    private static byte[] special(int sign) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int16(out, 0);
        int16(out, 0);
        int16(out, sign);
        int16(out, 0);
        return out.toByteArray();
    }

    private static void int16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xFF);
        out.write(v & 0xFF);
    }

    public static byte[] int32(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    public static byte[] int64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >> (56 - 8 * i));
        }
        return b;
    }
}
