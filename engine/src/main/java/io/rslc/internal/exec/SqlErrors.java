package io.rslc.internal.exec;

import io.rslc.api.Rule;

/** Turns warehouse errors into one-line reasons that name the table. */
final class SqlErrors {

    private SqlErrors() {
    }

    static String describe(Rule rule, java.sql.SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = message.indexOf('\n');
        if (nl > 0) {
            message = message.substring(0, nl);
        }
        return rule.table() + ": " + message + state;
    }
}
