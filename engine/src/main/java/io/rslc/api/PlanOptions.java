package io.rslc.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;

/**
 * What a plan is computed for.
 *
 * @param asOf  the day cutoffs are computed from
 * @param zone  the zone {@code asOf} belongs to (and the warehouse session's time zone)
 * @param since when planning offline, the first date to slice from (overrides the checkpoint); may be null
 * @param only  restrict to these tables; empty = all
 */
public record PlanOptions(LocalDate asOf, ZoneId zone, LocalDate since, Set<TableName> only) {

    public PlanOptions {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(zone, "zone");
        only = Set.copyOf(only);
    }

    /** Today in {@code zone} by {@code clock}, all tables, no start date. */
    public static PlanOptions today(Clock clock, ZoneId zone) {
        return new PlanOptions(LocalDate.now(clock.withZone(zone)), zone, null, Set.of());
    }

    /** Today in UTC. */
    public static PlanOptions todayUtc() {
        return today(Clock.systemUTC(), ZoneOffset.UTC);
    }

    public PlanOptions withSince(LocalDate newSince) {
        return new PlanOptions(asOf, zone, newSince, only);
    }

    public PlanOptions withOnly(Set<TableName> tables) {
        return new PlanOptions(asOf, zone, since, tables);
    }

    public boolean includes(TableName table) {
        return only.isEmpty() || only.contains(table);
    }
}
