package io.rslc.internal.aws.dataapi;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;

/**
 * The part of {@link Connection} rslc calls, over one Data API session (made a {@code Connection} by
 * {@link JdbcSubset}). Transactions are the session's own: with autocommit off, the first statement is preceded
 * by {@code BEGIN ISOLATION LEVEL ...}, and {@link #commit()}/{@link #rollback()} send {@code COMMIT}/
 * {@code ROLLBACK}, as the PostgreSQL and Redshift drivers do. Closing rolls back an open transaction and gives
 * the session back to its data source.
 */
final class DataApiConnection {

    private final DataApiSession session;
    private final DataApiDataSource source;
    private boolean autoCommit = true;
    private boolean inTransaction;
    private int isolation = Connection.TRANSACTION_SERIALIZABLE;
    private boolean closed;

    DataApiConnection(DataApiSession session, DataApiDataSource source) {
        this.session = session;
        this.source = source;
    }

    /** Runs a statement, opening the transaction first when autocommit is off. */
    DataApiSession.Done run(String sql, List<SqlParameter> parameters) throws SQLException {
        open();
        if (!autoCommit && !inTransaction) {
            session.execute("BEGIN ISOLATION LEVEL " + levelName(), List.of());
            inTransaction = true;
        }
        return session.execute(sql, parameters);
    }

    DataApiSession session() {
        return session;
    }

    public Statement createStatement() throws SQLException {
        open();
        return JdbcSubset.of(Statement.class, new DataApiStatement(this, null));
    }

    public PreparedStatement prepareStatement(String sql) throws SQLException {
        open();
        return JdbcSubset.of(PreparedStatement.class, new DataApiStatement(this, sql));
    }

    public boolean getAutoCommit() throws SQLException {
        open();
        return autoCommit;
    }

    /** Turning autocommit on commits an open transaction (JDBC's rule). */
    public void setAutoCommit(boolean on) throws SQLException {
        open();
        if (on && inTransaction) {
            end("COMMIT");
        }
        autoCommit = on;
    }

    public void commit() throws SQLException {
        open();
        if (autoCommit) {
            throw new SQLException("commit() with autocommit on");
        }
        end("COMMIT");
    }

    public void rollback() throws SQLException {
        open();
        if (autoCommit) {
            throw new SQLException("rollback() with autocommit on");
        }
        end("ROLLBACK");
    }

    private void end(String statement) throws SQLException {
        if (!inTransaction) {
            return;
        }
        inTransaction = false; // a failed COMMIT ends the transaction too (it rolls back)
        try {
            session.execute(statement, List.of());
        } catch (SQLException e) {
            if (statement.equals("ROLLBACK")) {
                session.markBroken(); // the session's state is unknown: never given out again
            }
            throw e;
        }
    }

    public void setTransactionIsolation(int level) throws SQLException {
        open();
        if (inTransaction) {
            throw new SQLException("cannot change the isolation inside a transaction");
        }
        isolation = level;
    }

    public int getTransactionIsolation() throws SQLException {
        open();
        return isolation;
    }

    private String levelName() throws SQLException {
        return switch (isolation) {
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            default -> throw new SQLException("unknown isolation level " + isolation);
        };
    }

    public DatabaseMetaData getMetaData() throws SQLException {
        open();
        return JdbcSubset.of(DatabaseMetaData.class, new Meta(source.target()));
    }

    /** What rslc may ask of the database: its name and where it is. */
    static final class Meta {
        private final DataApiTarget target;

        Meta(DataApiTarget target) {
            this.target = target;
        }

        public String getDatabaseProductName() {
            return "Redshift";
        }

        public String getURL() {
            return "redshift-data-api:" + target.describe();
        }

        public String getDriverName() {
            return "rslc Redshift Data API connection";
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean isValid(int timeoutSeconds) {
        return !closed;
    }

    public SQLWarning getWarnings() {
        return null;
    }

    public void clearWarnings() {
    }

    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (inTransaction) {
                end("ROLLBACK");
            }
        } finally {
            source.release(session);
        }
    }

    private void open() throws SQLException {
        if (closed) {
            throw new SQLException("the connection is closed", "08003");
        }
    }

    @Override
    public String toString() {
        return "DataApiConnection[" + session + "]";
    }
}
