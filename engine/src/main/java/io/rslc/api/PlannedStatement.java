package io.rslc.api;

import java.util.Objects;

/**
 * One SQL statement of a plan, exactly as rslc sends it to the warehouse, with the part it plays. The printed plan
 * and the executor read the same objects: what {@code rslc plan} and {@code rslc run --dry-run} show is what runs.
 *
 * @param role what the statement does in its transaction
 * @param sql  the statement text, sent verbatim (no trailing semicolon)
 */
public record PlannedStatement(Role role, String sql) {

    /** What a statement does. */
    public enum Role {
        /** A setting for the rest of the transaction ({@code SET LOCAL ...}). */
        SETTING,
        /** Reads the slices' rows into the archive: {@code UNLOAD}, or the {@code COPY}/{@code SELECT} rslc encodes. */
        ARCHIVE,
        /** Reads the archived row count back from the warehouse ({@code pg_last_unload_count()}). */
        VERIFY,
        /** Deletes the slices' rows; its count must equal the archived rows. */
        DELETE,
        /** After the table's transactions, outside any: {@code VACUUM}, {@code ANALYZE}. */
        MAINTENANCE
    }

    public PlannedStatement {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sql, "sql");
    }
}
