package io.rslc.exec;

import io.rslc.warehouse.SessionSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the executor runs.
 *
 * @param journalSchema schema of the journal table (default {@code rslc})
 * @param session       session time zone and statement timeout
 * @param maxAttempts   transactions a slice may take when serialization conflicts occur
 * @param backoff       wait before the first retry; doubles each time
 */
public record ExecutorSettings(String journalSchema, SessionSettings session, int maxAttempts, Duration backoff) {

    public ExecutorSettings {
        Objects.requireNonNull(journalSchema, "journalSchema");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public static ExecutorSettings defaults() {
        return new ExecutorSettings("rslc", SessionSettings.defaults(), 5, Duration.ofMillis(200));
    }

    public ExecutorSettings withSession(SessionSettings s) {
        return new ExecutorSettings(journalSchema, s, maxAttempts, backoff);
    }

    public ExecutorSettings withJournalSchema(String schema) {
        return new ExecutorSettings(schema, session, maxAttempts, backoff);
    }
}
