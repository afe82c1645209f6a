package io.rslc.internal.warehouse;

import io.rslc.api.RslcException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        zoneName(zone); // fails now, not at the first session
    }

    /** The zone as PostgreSQL and Redshift name it: a fixed offset as {@code UTC} or {@code Etc/GMT-2}. */
    public String zoneName() {
        return zoneName(zone);
    }

    private static String zoneName(ZoneId zone) {
        // UTC+03:00 or GMT+3 as Java names them are fixed offsets too; sent as they are, PostgreSQL would read them
        // the POSIX way, three hours WEST of UTC
        if (!(zone.normalized() instanceof ZoneOffset offset)) {
            return zone.getId();
        }
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC"; // ZoneOffset.UTC's id, "Z", is not a zone name to the warehouse
        }
        if (seconds % 3600 != 0) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "time zone " + zone + " is a fixed offset that is "
                    + "not a whole number of hours, which the warehouse cannot name; name a region instead "
                    + "(e.g. Asia/Kolkata)");
        }
        int hours = seconds / 3600;
        return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours); // POSIX: the sign is inverted
    }

    /** UTC and 20 minutes, as the original. */
    public static SessionSettings defaults() {
        return new SessionSettings(ZoneId.of("UTC"), Duration.ofMinutes(20));
    }
}
