package io.rslc.internal.archive.format;

import java.sql.Types;
import java.util.Locale;

/**
 * The few value kinds an archive file distinguishes. Each JDBC column maps to one of them (by
 * {@link java.sql.Types} and the driver's type name); anything else is archived as {@link #TEXT}, read with
 * {@code getString}. The Java value carried for each kind is noted per constant; NULL is {@code null}.
 */
public enum ColumnType {
    /** {@link java.time.LocalDate}. */
    DATE("date"),
    /** {@link java.time.LocalDateTime}: a timestamp without time zone. */
    TIMESTAMP("timestamp without time zone"),
    /** {@link java.time.OffsetDateTime}: an instant (PostgreSQL/Redshift {@code timestamptz}). */
    TIMESTAMPTZ("timestamp with time zone"),
    /** {@link Boolean}. */
    BOOLEAN("boolean"),
    /** {@link Integer} (16-bit range). */
    SMALLINT("smallint"),
    /** {@link Integer}. */
    INTEGER("integer"),
    /** {@link Long}. */
    BIGINT("bigint"),
    /** {@link Float}. */
    REAL("real"),
    /** {@link Double}. */
    DOUBLE("double precision"),
    /**
     * {@link java.math.BigDecimal}; a {@link String} for values a BigDecimal cannot hold (PostgreSQL's
     * {@code NaN}). Precision and scale are on the {@link Column}.
     */
    DECIMAL("numeric"),
    /** {@link String}. */
    TEXT("character varying");

    private final String sqlName;

    ColumnType(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The Redshift type name used in manifests ({@code "base"}). */
    public String sqlName() {
        return sqlName;
    }

    /**
     * The kind of a JDBC column.
     *
     * @param jdbcType  {@code ResultSetMetaData.getColumnType}
     * @param typeName  {@code ResultSetMetaData.getColumnTypeName} (drivers disagree on codes, e.g. PostgreSQL
     *                  reports {@code timestamptz} as TIMESTAMP and {@code bool} as BIT)
     * @param className {@code ResultSetMetaData.getColumnClassName}, may be null
     */
    public static ColumnType of(int jdbcType, String typeName, String className) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        switch (jdbcType) {
            case Types.DATE:
                return DATE;
            case Types.TIMESTAMP:
                return name.equals("timestamptz") || name.contains("with time zone") ? TIMESTAMPTZ : TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return TIMESTAMPTZ;
            case Types.BOOLEAN:
                return BOOLEAN;
            case Types.BIT:
                return name.equals("bool") || name.equals("boolean") ? BOOLEAN : TEXT;
            case Types.TINYINT:
            case Types.SMALLINT:
                return SMALLINT;
            case Types.INTEGER:
                return INTEGER;
            case Types.BIGINT:
                return BIGINT;
            case Types.REAL:
                return REAL;
            case Types.FLOAT:
                return "java.lang.Float".equals(className) || name.equals("float4") || name.equals("real")
                        || name.equals("float") ? REAL : DOUBLE;
            case Types.DOUBLE:
                return DOUBLE;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return DECIMAL;
            default:
                return TEXT;
        }
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** 10^n for n in 0..18 (a DECIMAL of up to 18 digits fits a long). */
    public static long tenTo(int n) {
        return POWERS_OF_TEN[n];
    }
}
