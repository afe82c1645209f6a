package io.rslc.internal.archive.format;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Feeds rows to parquet-mr's record consumer in the physical types {@link ParquetSchema} chose. (parquet-floor's
 * own ValueWriter cannot write FIXED_LEN_BYTE_ARRAY, which wide decimals need, so rows are written here.)
 */
public final class RowWriteSupport extends SchemaWriteSupport<Object[]> {

    private final Column[] columns;
    private final int[] decimalBytes;
    private final BigInteger[] decimalLimit; // 10^precision: unscaled values must stay below it
    private RecordConsumer consumer;

    public RowWriteSupport(List<Column> columns) {
        super(columns);
        this.columns = columns.toArray(Column[]::new);
        this.decimalBytes = columns.stream()
                .mapToInt(c -> c.boundedDecimal() ? ParquetSchema.decimalBytes(c.precision()) : 0).toArray();
        this.decimalLimit = columns.stream()
                .map(c -> c.boundedDecimal() ? BigInteger.TEN.pow(c.precision()) : null).toArray(BigInteger[]::new);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                continue; // an OPTIONAL field that is absent is NULL
            }
            String name = columns[i].name();
            consumer.startField(name, i);
            addValue(i, v);
            consumer.endField(name, i);
        }
        consumer.endMessage();
    }

    /**
     * Adds the non-null value {@code v} of column {@code i} inside its field (for {@code copy.TupleWriteSupport}'s
     * values off its fast paths too: infinities, wide or unbounded decimals).
     *
     * @throws RslcException {@code ARCHIVE} if the value does not fit the column's Parquet type
     */
    public void addValue(int i, Object v) {
        try {
            add(i, v);
        } catch (ArithmeticException e) { // e.g. PostgreSQL's infinity dates, read as LocalDate.MAX
            throw new RslcException(ErrorCode.ARCHIVE, "value " + ValueText.text(v) + " of column "
                    + columns[i].name() + " is out of range for Parquet", e);
        }
    }

    private void add(int i, Object v) {
        Column c = columns[i];
        switch (c.type()) {
            case DATE -> consumer.addInteger(Math.toIntExact(((LocalDate) v).toEpochDay()));
            case TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) v;
                consumer.addLong(micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano()));
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime t = (OffsetDateTime) v;
                consumer.addLong(micros(t.toEpochSecond(), t.getNano()));
            }
            case BOOLEAN -> consumer.addBoolean((Boolean) v);
            case SMALLINT, INTEGER -> consumer.addInteger((Integer) v);
            case BIGINT -> consumer.addLong((Long) v);
            case REAL -> consumer.addFloat((Float) v);
            case DOUBLE -> consumer.addDouble((Double) v);
            case DECIMAL -> decimal(i, c, v);
            // one array, not fromString's array + ByteBuffer + wrapper: a third of the encoders' allocation
            case TEXT -> consumer.addBinary(Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void decimal(int i, Column c, Object v) {
        if (!c.boundedDecimal()) {
            consumer.addBinary(Binary.fromString(ValueText.text(v)));
            return;
        }
        if (c.precision() <= 18 && v instanceof BigDecimal d && d.scale() == c.scale()
                && addUnscaled(c, unscaledLong(d))) { // no BigInteger for the common case: the declared scale
            return;
        }
        BigInteger unscaled = unscaled(c, v, decimalLimit[i]);
        if (c.precision() <= 9) {
            consumer.addInteger(unscaled.intValueExact());
        } else if (c.precision() <= 18) {
            consumer.addLong(unscaled.longValueExact());
        } else {
            consumer.addBinary(Binary.fromConstantByteArray(fixed(unscaled, decimalBytes[i])));
        }
    }

    /**
     * Adds a DECIMAL(<= 18) value given unscaled at the column's scale, if it is not {@link Long#MIN_VALUE} (none)
     * and has at most the column's precision; else adds nothing and returns false.
     */
    public boolean addUnscaled(Column c, long unscaled) {
        if (unscaled == Long.MIN_VALUE || Math.abs(unscaled) >= ColumnType.tenTo(c.precision())) {
            return false;
        }
        if (c.precision() <= 9) {
            consumer.addInteger((int) unscaled);
        } else {
            consumer.addLong(unscaled);
        }
        return true;
    }

    /** The unscaled value of {@code d} if it has at most 18 digits, else {@link Long#MIN_VALUE}; no BigInteger. */
    private static long unscaledLong(BigDecimal d) {
        if (d.precision() > 18) {
            return Long.MIN_VALUE;
        }
        return d.scaleByPowerOfTen(d.scale()).longValue(); // scale 0, at most 18 digits: exact
    }

    private static BigInteger unscaled(Column c, Object v, BigInteger limit) {
        if (v instanceof BigDecimal d) {
            try {
                BigInteger unscaled = (d.scale() == c.scale() ? d : d.setScale(c.scale(), RoundingMode.UNNECESSARY))
                        .unscaledValue();
                if (unscaled.abs().compareTo(limit) < 0) {
                    return unscaled;
                }
            } catch (ArithmeticException e) {
                // more fractional digits than the scale: reported below
            }
        }
        throw new RslcException(ErrorCode.ARCHIVE, "value " + ValueText.text(v) + " of column " + c.name()
                + " does not fit the Parquet type DECIMAL(" + c.precision() + "," + c.scale() + ")");
    }

    /** Big-endian two's complement, sign-extended to {@code length} bytes. */
    private static byte[] fixed(BigInteger unscaled, int length) {
        byte[] minimal = unscaled.toByteArray();
        byte[] out = new byte[length];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
        int offset = length - minimal.length;
        for (int i = 0; i < offset; i++) {
            out[i] = pad;
        }
        System.arraycopy(minimal, 0, out, offset, minimal.length);
        return out;
    }

    private static long micros(long epochSecond, int nanos) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nanos / 1_000);
    }
}
