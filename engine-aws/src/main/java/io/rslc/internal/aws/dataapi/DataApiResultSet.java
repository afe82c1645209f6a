package io.rslc.internal.aws.dataapi;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.redshiftdata.model.ColumnMetadata;
import software.amazon.awssdk.services.redshiftdata.model.Field;

/**
 * The part of {@link ResultSet} rslc calls (by column index), over the Data API's typed fields: {@code longValue}
 * for integers, {@code doubleValue} for floats, {@code booleanValue}, {@code isNull}, and {@code stringValue} for
 * the rest (NUMERIC, DATE {@code 2020-03-21}, TIMESTAMP {@code 2020-03-21 10:15:00[.ffffff]}, TIMESTAMPTZ with an
 * offset), converted as the JDBC getters promise.
 */
final class DataApiResultSet {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().append(LOCAL)
            .appendPattern("[XXX][XX][X]").parseDefaulting(ChronoField.OFFSET_SECONDS, 0).toFormatter(Locale.ROOT);

    private final List<ColumnMetadata> columns;
    private final List<List<Field>> rows;
    private int row = -1;
    private boolean wasNull;
    private boolean closed;

    private DataApiResultSet(List<ColumnMetadata> columns, List<List<Field>> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    static ResultSet of(DataApiSession.Rows rows) {
        return JdbcSubset.of(ResultSet.class, new DataApiResultSet(rows.columns(), rows.records()));
    }

    public boolean next() {
        if (row < rows.size()) {
            row++;
        }
        return row < rows.size();
    }

    public boolean wasNull() {
        return wasNull;
    }

    public String getString(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : v.toString();
    }

    public long getLong(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : v instanceof Number n && !(v instanceof Double) ? n.longValue()
                : number(v).longValueExact();
    }

    public int getInt(int i) throws SQLException {
        return Math.toIntExact(getLong(i));
    }

    public double getDouble(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : v instanceof Number n ? n.doubleValue() : number(v).doubleValue();
    }

    public float getFloat(int i) throws SQLException {
        return (float) getDouble(i);
    }

    public BigDecimal getBigDecimal(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : number(v);
    }

    public boolean getBoolean(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return s.equals("t") || s.equals("true") || s.equals("1") || s.equals("y") || s.equals("yes");
    }

    public Date getDate(int i) throws SQLException {
        LocalDate d = getObject(i, LocalDate.class);
        return d == null ? null : Date.valueOf(d);
    }

    public Timestamp getTimestamp(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        String s = v.toString();
        return hasOffset(s) ? Timestamp.from(OffsetDateTime.parse(s, OFFSET).toInstant())
                : Timestamp.valueOf(s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s, LOCAL));
    }

    public Object getObject(int i) throws SQLException {
        return value(i);
    }

    public <T> T getObject(int i, Class<T> type) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        String s = v.toString();
        try {
            if (type == LocalDate.class) {
                return type.cast(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
            }
            if (type == LocalDateTime.class) {
                return type.cast(getTimestamp(i).toLocalDateTime());
            }
            if (type == OffsetDateTime.class) {
                return type.cast(OffsetDateTime.parse(hasOffset(s) ? s : s + "+00", OFFSET));
            }
            if (type == String.class) {
                return type.cast(s);
            }
            if (type == Long.class) {
                return type.cast(getLong(i));
            }
        } catch (RuntimeException e) {
            throw new SQLException("column " + i + ": cannot read '" + s + "' as " + type.getSimpleName(), e);
        }
        throw new SQLException("column " + i + ": reading as " + type.getName() + " is not supported");
    }

    public ResultSetMetaData getMetaData() {
        return JdbcSubset.of(ResultSetMetaData.class, new Meta(columns));
    }

    /** Names and types of the columns, as the Data API describes them. */
    static final class Meta {
        private final List<ColumnMetadata> columns;

        Meta(List<ColumnMetadata> columns) {
            this.columns = columns;
        }

        public int getColumnCount() {
            return columns.size();
        }

        public String getColumnName(int i) {
            return columns.get(i - 1).name();
        }

        public String getColumnLabel(int i) {
            String label = columns.get(i - 1).label();
            return label != null ? label : getColumnName(i);
        }

        public String getColumnTypeName(int i) {
            return columns.get(i - 1).typeName();
        }
    }

    public SQLWarning getWarnings() {
        return null;
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        closed = true;
    }

    private Object value(int i) throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed");
        }
        if (row < 0 || row >= rows.size()) {
            throw new SQLException("no current row");
        }
        List<Field> r = rows.get(row);
        if (i < 1 || i > r.size()) {
            throw new SQLException("no column " + i + " (the row has " + r.size() + ")");
        }
        Field f = r.get(i - 1);
        Object v = Boolean.TRUE.equals(f.isNull()) ? null : f.longValue() != null ? f.longValue()
                : f.doubleValue() != null ? f.doubleValue() : f.booleanValue() != null ? f.booleanValue()
                : f.stringValue() != null ? f.stringValue() : f.blobValue() != null ? f.blobValue().asByteArray()
                : null;
        wasNull = v == null;
        return v;
    }

    private static BigDecimal number(Object v) throws SQLException {
        try {
            return v instanceof Double d ? BigDecimal.valueOf(d) : new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new SQLException("not a number: '" + v + "'", "22018");
        }
    }

    private static boolean hasOffset(String s) {
        return s.length() > 19 && s.substring(19).matches(".*[+-]\\d{2}(:?\\d{2})?$");
    }
}
