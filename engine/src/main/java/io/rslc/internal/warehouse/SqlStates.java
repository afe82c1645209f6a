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
     * A secret option in a JDBC URL or driver message: a password, or the Redshift driver's IAM credentials
     * ({@code SecretAccessKey}, {@code SessionToken}) and IdP secrets ({@code PWD}, {@code client_secret}); the
     * value is replaced by {@code ***} wherever a URL or message is shown.
     */
    public static final String SECRET_URL_OPTION =
            "(?i)((?:password|pwd|secretaccesskey|sessiontoken|client_secret|sslpassword)=)[^&;\\s]*";

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

    /**
     * Why a connection could not be opened, in words that tell a stopped server from a missing database from a
     * wrong password: {@code connection refused: Connection to db:5432 refused. ... (SQLSTATE 08001)},
     * {@code the database does not exist: database "x" does not exist (SQLSTATE 3D000)}. One line; anything that
     * looks like a password is masked (drivers do not echo it, but a URL in a message might carry one).
     */
    public static String describeConnectionFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String kind;
        if (state.equals("3D000")) {
            kind = "the database does not exist";
        } else if (state.equals("28P01")) {
            kind = "authentication failed (wrong user or password)";
        } else if (state.equals("28000")) {
            kind = "the server refused the login (no such user, or no pg_hba.conf entry for this user, host and "
                    + "database)";
        } else if (state.equals("53300")) {
            kind = "the server has too many connections";
        } else if (state.equals("57P03")) {
            kind = "the server is starting up or shutting down";
        } else if (has(e, java.net.UnknownHostException.class)) {
            kind = "unknown host";
        } else if (has(e, java.net.ConnectException.class) || String.valueOf(e.getMessage()).contains("refused")) {
            kind = "connection refused (is the server running and listening at that host and port?)";
        } else if (has(e, java.net.SocketTimeoutException.class)) {
            kind = "the connection timed out";
        } else if (state.startsWith("08")) {
            kind = "cannot connect";
        } else {
            kind = null;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = message.indexOf('\n');
        message = (nl > 0 ? message.substring(0, nl) : message).replaceFirst("^FATAL: +", "")
                .replaceAll(SECRET_URL_OPTION, "$1***");
        return (kind == null ? "" : kind + ": ") + message + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
