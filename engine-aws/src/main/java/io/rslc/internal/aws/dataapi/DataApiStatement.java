package io.rslc.internal.aws.dataapi;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;

/**
 * The part of {@link java.sql.Statement} and {@link java.sql.PreparedStatement} rslc calls. A prepared statement's
 * {@code ?} become Data API parameters {@code :p1, :p2, ...} (values sent as text, which Redshift converts to the
 * column's type); NULL and the empty string, which a Data API parameter cannot carry, are written into the SQL as
 * {@code NULL} and {@code ''}. The update count of DML is the Data API's {@code ResultRows}.
 */
final class DataApiStatement {

    private final DataApiConnection c;
    private final String sql;
    private final Map<Integer, Object> values = new TreeMap<>();
    private final List<Map<Integer, Object>> batch = new ArrayList<>();
    private ResultSet result;
    private long updateCount = -1;
    private boolean closed;

    DataApiStatement(DataApiConnection c, String sql) {
        this.c = c;
        this.sql = sql;
    }

    // java.sql.Statement

    public boolean execute(String statement) throws SQLException {
        return run(statement, Map.of());
    }

    public ResultSet executeQuery(String statement) throws SQLException {
        if (!run(statement, Map.of())) {
            throw new SQLException("the statement returned no rows: " + head(statement));
        }
        return result;
    }

    public int executeUpdate(String statement) throws SQLException {
        return (int) executeLargeUpdate(statement);
    }

    public long executeLargeUpdate(String statement) throws SQLException {
        run(statement, Map.of());
        return Math.max(updateCount, 0);
    }

    public ResultSet getResultSet() {
        return result;
    }

    public int getUpdateCount() {
        return (int) updateCount;
    }

    public long getLargeUpdateCount() {
        return updateCount;
    }

    public boolean getMoreResults() {
        result = null;
        updateCount = -1;
        return false;
    }

    /** Results are read whole; the hint is accepted and has no effect. */
    public void setFetchSize(int rows) {
    }

    public SQLWarning getWarnings() {
        return null;
    }

    public void clearWarnings() {
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        closed = true;
        result = null;
    }

    // java.sql.PreparedStatement

    public boolean execute() throws SQLException {
        return run(prepared(), values);
    }

    public ResultSet executeQuery() throws SQLException {
        if (!run(prepared(), values)) {
            throw new SQLException("the statement returned no rows: " + head(sql));
        }
        return result;
    }

    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    public long executeLargeUpdate() throws SQLException {
        run(prepared(), values);
        return Math.max(updateCount, 0);
    }

    public void addBatch() throws SQLException {
        batch.add(new TreeMap<>(values));
    }

    public void clearBatch() {
        batch.clear();
    }

    /** One statement per row, in order, in the connection's transaction (or each its own in autocommit). */
    public int[] executeBatch() throws SQLException {
        int[] counts = new int[batch.size()];
        for (int i = 0; i < counts.length; i++) {
            run(prepared(), batch.get(i));
            counts[i] = (int) Math.max(updateCount, 0);
        }
        batch.clear();
        return counts;
    }

    public void clearParameters() {
        values.clear();
    }

    public void setString(int i, String v) {
        values.put(i, v);
    }

    public void setInt(int i, int v) {
        values.put(i, v);
    }

    public void setLong(int i, long v) {
        values.put(i, v);
    }

    public void setDouble(int i, double v) {
        values.put(i, v);
    }

    public void setBoolean(int i, boolean v) {
        values.put(i, v);
    }

    public void setBigDecimal(int i, BigDecimal v) {
        values.put(i, v);
    }

    public void setDate(int i, Date v) {
        values.put(i, v);
    }

    public void setTimestamp(int i, Timestamp v) {
        values.put(i, v);
    }

    public void setNull(int i, int sqlType) {
        values.put(i, null);
    }

    public void setObject(int i, Object v) {
        values.put(i, v);
    }

    private String prepared() throws SQLException {
        if (sql == null) {
            throw new SQLException("not a prepared statement");
        }
        return sql;
    }

    private boolean run(String statement, Map<Integer, Object> parameters) throws SQLException {
        if (closed) {
            throw new SQLException("the statement is closed");
        }
        result = null;
        updateCount = -1;
        List<SqlParameter> named = new ArrayList<>();
        String text = sql == null ? statement : SqlParameters.bind(statement, parameters, named);
        DataApiSession.Done done = c.run(text, named);
        if (done.hasResultSet()) {
            result = DataApiResultSet.of(c.session().rows(done.id()));
            return true;
        }
        updateCount = done.rows();
        return false;
    }

    private static String head(String statement) {
        String s = statement.strip().replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
