package io.rslc.internal.warehouse;

import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlTemplates;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Runs work outside any transaction block (session settings, lock queries, VACUUM, which Redshift and PostgreSQL
 * refuse inside one) and restores the connection's commit mode afterwards.
 */
final class AutoCommit {

    /** Work on a connection in autocommit mode. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private AutoCommit() {
    }

    static <T> T run(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            return work.run();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * Applies the session time zone and statement timeout from a dialect's {@code session.sql} templates
     * ({@code time_zone} with {zone}, {@code statement_timeout} with {millis}).
     */
    static void configureSession(Connection c, String templates, SqlDialect dialect, SessionSettings settings)
            throws SQLException {
        run(c, () -> {
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
