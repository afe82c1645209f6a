package io.rslc.internal.warehouse;

import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlTemplates;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The one place rslc changes a connection's commit mode and isolation: work outside any transaction block
 * (session settings, planning reads, VACUUM, which Redshift and PostgreSQL refuse inside one) and work in one
 * transaction (commit on success, rollback on failure); both give the connection back as they found it.
 */
public final class Transactions {

    /** Work on a connection. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    /** Runs {@code work} in autocommit mode: each statement its own transaction. */
    public static <T> T autoCommit(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        T result;
        try {
            result = work.run();
        } catch (SQLException | RuntimeException e) {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
        c.setAutoCommit(auto);
        return result;
    }

    /**
     * Runs {@code work} in one transaction at {@code isolation} (a {@link Connection} constant) and commits it;
     * on any failure rolls back and rethrows the failure itself (a failed rollback or restore of the commit mode, as
     * on a dead session, is added to it as suppressed, never put in its place). The commit
     * mode is restored; the session keeps {@code isolation} (reading it back would cost a round trip per
     * transaction on PostgreSQL's driver, and every transaction rslc opens sets its own).
     */
    public static <T> T inTransaction(Connection c, int isolation, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true); // ends any open transaction: the isolation must be set before one starts
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(false);
        T result;
        try {
            result = work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            try {
                c.setAutoCommit(auto);
            } catch (SQLException r) {
                e.addSuppressed(r); // a dead session fails here too: keep the cause (57P01, I/O) as the error
            }
            throw e;
        }
        c.setAutoCommit(auto);
        return result;
    }

    /**
     * Applies the session time zone and statement timeout from a dialect's {@code session.sql} templates
     * ({@code time_zone} with {zone}, {@code statement_timeout} with {millis}).
     */
    static void configureSession(Connection c, String templates, SqlDialect dialect, SessionSettings settings)
            throws SQLException {
        autoCommit(c, () -> {
            try (Statement st = c.createStatement()) {
                st.execute(SqlTemplates.get(templates, "time_zone")
                        .render(Map.of("zone", dialect.literal(settings.zoneName()))).sql());
                st.execute(SqlTemplates.get(templates, "statement_timeout")
                        .render(Map.of("millis", dialect.literal(settings.statementTimeout().toMillis()))).sql());
            }
            return null;
        });
    }
}
