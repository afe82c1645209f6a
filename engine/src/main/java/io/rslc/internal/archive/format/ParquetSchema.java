package io.rslc.internal.archive.format;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of archived rows: every column OPTIONAL (NULLs), with logical types that readers
 * (Spectrum, Athena, Spark, DuckDB) map back to the SQL type. DECIMAL up to precision 9 is INT32, up to 18 INT64,
 * up to 38 FIXED_LEN_BYTE_ARRAY; a numeric without precision (PostgreSQL) is a STRING holding the exact digits.
 */
public final class ParquetSchema {

    private ParquetSchema() {
    }

    public static MessageType of(List<Column> columns) {
        Set<String> names = new HashSet<>();
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new RslcException(ErrorCode.ARCHIVE, "column name '" + c.name()
                        + "' appears twice in the archived rows; Parquet needs unique column names");
            }
            message.addField(field(c));
        }
        return message.named("rslc_row");
    }

    static PrimitiveType field(Column c) {
        return switch (c.type()) {
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(c.name());
            case TIMESTAMPTZ -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(c.name());
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            case SMALLINT -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true))
                    .named(c.name());
            case INTEGER -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
            case BIGINT -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
            case REAL -> Types.optional(PrimitiveTypeName.FLOAT).named(c.name());
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            case DECIMAL -> decimal(c);
            case TEXT -> string(c);
        };
    }

    private static PrimitiveType decimal(Column c) {
        if (!c.boundedDecimal()) {
            return string(c);
        }
        var annotation = LogicalTypeAnnotation.decimalType(c.scale(), c.precision());
        if (c.precision() <= 9) {
            return Types.optional(PrimitiveTypeName.INT32).as(annotation).named(c.name());
        }
        if (c.precision() <= 18) {
            return Types.optional(PrimitiveTypeName.INT64).as(annotation).named(c.name());
        }
        return Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(decimalBytes(c.precision()))
                .as(annotation).named(c.name());
    }

    private static PrimitiveType string(Column c) {
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
    }

    /** The fewest bytes whose two's complement holds every unscaled value of the precision (16 for 38). */
    public static int decimalBytes(int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return (max.bitLength() + 1 + 7) / 8;
    }
}
