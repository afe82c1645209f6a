package io.rslc.internal.archive.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.junit.jupiter.api.Test;

/**
 * DECIMAL(p <= 18) is written from a long without a BigInteger: it must agree with the unscaled value, and reject
 * what does not fit.
 */
class RowWriteSupportDecimalTest {

    static final class Capture extends RecordConsumer {
        final List<Long> values = new ArrayList<>();
        @Override public void startMessage() { }
        @Override public void endMessage() { }
        @Override public void startField(String field, int index) { }
        @Override public void endField(String field, int index) { }
        @Override public void startGroup() { }
        @Override public void endGroup() { }
        @Override public void addInteger(int value) { values.add((long) value); }
        @Override public void addLong(long value) { values.add(value); }
        @Override public void addBoolean(boolean value) { throw new AssertionError(); }
        @Override public void addBinary(Binary value) { throw new AssertionError(); }
        @Override public void addFloat(float value) { throw new AssertionError(); }
        @Override public void addDouble(double value) { throw new AssertionError(); }
    }

    long write(int precision, int scale, BigDecimal v) {
        RowWriteSupport ws = new RowWriteSupport(List.of(new Column(1, "x", ColumnType.DECIMAL, precision, scale)));
        Capture c = new Capture();
        ws.prepareForWrite(c);
        ws.write(new Object[] {v});
        return c.values.get(0);
    }

    @Test
    void agreesWithTheUnscaledValue() {
        Random r = new Random(7);
        for (int p = 1; p <= 18; p++) {
            BigInteger limit = BigInteger.TEN.pow(p);
            for (int s = 0; s <= p; s++) {
                List<BigInteger> unscaled = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
                        limit.subtract(BigInteger.ONE), limit.subtract(BigInteger.ONE).negate(), BigInteger.TEN, BigInteger.TEN.negate()));
                for (int k = 0; k < 200; k++) {
                    BigInteger u = new BigInteger(64, r).mod(limit);
                    unscaled.add(r.nextBoolean() ? u : u.negate());
                }
                for (BigInteger u : unscaled) {
                    if (u.abs().compareTo(limit) >= 0) { continue; }
                    BigDecimal v = new BigDecimal(u, s);
                    assertThat(write(p, s, v)).as("%s in (%d,%d)", v, p, s).isEqualTo(u.longValueExact());
                }
                final int pp = p, ss = s;
                assertThatThrownBy(() -> write(pp, ss, new BigDecimal(limit, ss))).isInstanceOf(RslcException.class);
                assertThatThrownBy(() -> write(pp, ss, new BigDecimal(limit.negate(), ss))).isInstanceOf(RslcException.class);
            }
        }
        assertThat(write(5, 2, new BigDecimal("0.10"))).isEqualTo(10);
        assertThat(write(5, 2, new BigDecimal("-0.10"))).isEqualTo(-10);
        assertThat(write(5, 2, new BigDecimal("0.1"))).isEqualTo(10);
        assertThat(write(18, 0, new BigDecimal("-999999999999999999"))).isEqualTo(-999_999_999_999_999_999L);
        assertThat(write(18, 2, new BigDecimal("1E+5").setScale(2))).isEqualTo(10_000_000L);
    }
}
