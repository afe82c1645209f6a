package io.rslc.internal.archive.copy;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.format.RowWriteSupport;
import io.rslc.internal.archive.format.SchemaWriteSupport;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Feeds PostgreSQL binary COPY tuples ({@link BinaryTuples}) to parquet-mr, value by value straight from the bytes:
 * no {@code ResultSet}, no boxed values, no String for text. It writes exactly what {@link RowWriteSupport} writes
 * for the same rows read through JDBC (its values off the fast paths go through it: infinities, NaN, wide and
 * unbounded decimals). Fields after the archived columns (the slice key) are not written.
 */
public final class TupleWriteSupport extends SchemaWriteSupport<byte[]> {

    private final Column[] columns;
    private final int[] widths;
    private final RowWriteSupport values;
    private RecordConsumer consumer;

    /** @param columns the archived columns, of the PostgreSQL types whose binary form {@link TupleValues} reads */
    public TupleWriteSupport(List<Column> columns) {
        super(columns);
        this.columns = columns.toArray(Column[]::new);
        this.widths = columns.stream().mapToInt(c -> TupleValues.width(c.type())).toArray();
        this.values = new RowWriteSupport(columns);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
        values.prepareForWrite(recordConsumer);
    }

    @Override
    public void write(byte[] tuple) {
        consumer.startMessage();
        int p = 2;
        for (int i = 0; i < columns.length; i++) {
            int length = BinaryTuples.int32(tuple, p);
            p += 4;
            if (length < 0) {
                continue; // an OPTIONAL field that is absent is NULL
            }
            if (widths[i] >= 0 && length != widths[i]) {
                throw new RslcException(ErrorCode.ARCHIVE, "column " + columns[i].name() + ": a binary value of "
                        + length + " bytes where " + columns[i].type() + " takes " + widths[i]);
            }
            String name = columns[i].name();
            consumer.startField(name, i);
            add(i, tuple, p, length);
            consumer.endField(name, i);
            p += length;
        }
        consumer.endMessage();
    }

    private void add(int i, byte[] b, int at, int length) {
        Column c = columns[i];
        switch (c.type()) {
            case DATE -> {
                long day = BinaryTuples.int32(b, at) + (long) TupleValues.POSTGRES_EPOCH_DAY;
                if (Math.abs(day) < Integer.MAX_VALUE - TupleValues.POSTGRES_EPOCH_DAY) { // not infinity
                    consumer.addInteger((int) day);
                } else {
                    slow(i, b, at, length);
                }
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                long micros = BinaryTuples.int64(b, at);
                if (Math.abs(micros) < Long.MAX_VALUE / 2) { // years within +-146,000: cannot overflow; else exact checks
                    consumer.addLong(micros + TupleValues.POSTGRES_EPOCH_MICROS);
                } else {
                    slow(i, b, at, length);
                }
            }
            case BOOLEAN -> consumer.addBoolean(b[at] != 0);
            case SMALLINT -> consumer.addInteger(BinaryTuples.int16(b, at));
            case INTEGER -> consumer.addInteger(BinaryTuples.int32(b, at));
            case BIGINT -> consumer.addLong(BinaryTuples.int64(b, at));
            case REAL -> consumer.addFloat(Float.intBitsToFloat(BinaryTuples.int32(b, at)));
            case DOUBLE -> consumer.addDouble(Double.longBitsToDouble(BinaryTuples.int64(b, at)));
            case DECIMAL -> {
                if (!c.boundedDecimal() || c.precision() > 18
                        || !values.addUnscaled(c, TupleValues.unscaledLong(b, at, length, c.scale()))) {
                    slow(i, b, at, length);
                }
            }
            // parquet-mr copies a reused array's bytes wherever it keeps them (statistics, dictionaries)
            case TEXT -> consumer.addBinary(Binary.fromReusedByteArray(b, at, length));
        }
    }

    /** A value off the fast paths, written as the JDBC path writes it (or refused with its message). */
    private void slow(int i, byte[] b, int at, int length) {
        values.addValue(i, TupleValues.value(columns[i].type(), b, at, length));
    }
}
