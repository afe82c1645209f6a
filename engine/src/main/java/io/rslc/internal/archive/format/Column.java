package io.rslc.internal.archive.format;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of the rows being archived: its name, its {@link ColumnType}, and for {@link ColumnType#DECIMAL}
 * the declared precision and scale ({@code precision} is 0 for an unconstrained {@code numeric}).
 *
 * @param index 1-based position in the result set
 */
public record Column(int index, String name, ColumnType type, int precision, int scale) {

    /** Largest decimal precision stored as a Parquet DECIMAL; Redshift's maximum too. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** The columns of a result set. */
    public static List<Column> describe(ResultSetMetaData meta) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            ColumnType type = ColumnType.of(meta.getColumnType(i), meta.getColumnTypeName(i), meta.getColumnClassName(i));
            int precision = 0;
            int scale = 0;
            if (type == ColumnType.DECIMAL) {
                precision = meta.getPrecision(i);
                scale = meta.getScale(i);
                if (precision <= 0 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                    precision = 0; // unconstrained (PostgreSQL numeric) or wider than Redshift allows
                    scale = 0;
                }
            }
            columns.add(new Column(i, meta.getColumnLabel(i), type, precision, scale));
        }
        return columns;
    }

    /** True for a DECIMAL with a precision of 1 to 38. */
    public boolean boundedDecimal() {
        return type == ColumnType.DECIMAL && precision > 0;
    }

    /** This column's value in the current row, as the Java type documented on {@link ColumnType}. */
    public Object read(ResultSet rs) throws SQLException {
        Object v;
        switch (type) {
            case DATE -> v = rs.getObject(index, LocalDate.class);
            case TIMESTAMP -> v = rs.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> v = rs.getObject(index, OffsetDateTime.class);
            case BOOLEAN -> v = rs.getBoolean(index);
            case SMALLINT, INTEGER -> v = rs.getInt(index);
            case BIGINT -> v = rs.getLong(index);
            case REAL -> v = rs.getFloat(index);
            case DOUBLE -> v = rs.getDouble(index);
            case DECIMAL -> v = decimal(rs);
            default -> v = rs.getString(index);
        }
        return rs.wasNull() ? null : v;
    }

    private Object decimal(ResultSet rs) throws SQLException {
        try {
            return rs.getBigDecimal(index);
        } catch (SQLException e) {
            String s = rs.getString(index); // NaN and infinities: no BigDecimal for them
            if (s == null) {
                throw e;
            }
            return s;
        }
    }
}
