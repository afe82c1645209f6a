package io.rslc.internal.exec;

import io.rslc.internal.warehouse.SessionSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the executor runs.
 *
 * @param journalSchema schema of the journal table (default {@code rslc})
 * @param session       session time zone and statement timeout
 * @param maxAttempts   transactions a slice may take when serialization conflicts occur
 * @param backoff       wait before the first retry; doubles each time
 * @param batchRows     where the warehouse supports it, consecutive slices are processed by one scan in one
 *                      transaction up to this many planned rows (each slice still journaled); 0 = one slice per
 *                      transaction
 */
public record ExecutorSettings(String journalSchema, SessionSettings session, int maxAttempts, Duration backoff,
                               long batchRows) {

    /** Default row budget of a multi-slice transaction. */
    public static final long DEFAULT_BATCH_ROWS = 10_000_000;

    public ExecutorSettings {
        Objects.requireNonNull(journalSchema, "journalSchema");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (batchRows < 0) {
            throw new IllegalArgumentException("batchRows must be >= 0");
        }
    }

    public static ExecutorSettings defaults() {
        return new ExecutorSettings("rslc", SessionSettings.defaults(), 5, Duration.ofMillis(200), DEFAULT_BATCH_ROWS);
    }

    public ExecutorSettings withSession(SessionSettings s) {
        return new ExecutorSettings(journalSchema, s, maxAttempts, backoff, batchRows);
    }

    public ExecutorSettings withJournalSchema(String schema) {
        return new ExecutorSettings(schema, session, maxAttempts, backoff, batchRows);
    }
}
