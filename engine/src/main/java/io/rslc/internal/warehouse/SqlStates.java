package io.rslc.internal.warehouse;

import java.sql.SQLException;

/**
 * SQLSTATE classes rslc reacts to, in one place so that the journal, the run lock and the warehouses agree on
 * what a given failure means.
 */
public final class SqlStates {

    private SqlStates() {
    }

    /**
     * Whether {@code e} means another session created the same object between our existence check and our
     * {@code CREATE ... IF NOT EXISTS}: PostgreSQL does not make that statement atomic, so the loser fails on a
     * catalog unique index (23505 on {@code pg_type}/{@code pg_namespace}) or with duplicate_table (42P07),
     * duplicate_schema (42P06) or duplicate_object (42710). Callers check that the object exists and go on.
     */
    public static boolean isConcurrentCreate(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "42P07".equals(state) || "42P06".equals(state) || "42710".equals(state);
    }
}
