package io.rslc.warehouse;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings applied to every warehouse session rslc opens.
 *
 * @param zone             session time zone: slices of timestamptz columns are days in this zone
 * @param statementTimeout longest a single statement may run (the original used 20 minutes)
 */
public record SessionSettings(ZoneId zone, Duration statementTimeout) {

    public SessionSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    /** UTC and 20 minutes, as the original. */
    public static SessionSettings defaults() {
        return new SessionSettings(ZoneId.of("UTC"), Duration.ofMinutes(20));
    }
}
