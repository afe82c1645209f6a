package io.rslc.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The first date a rule keeps: rows with {@code col < date} are due.
 *
 * <ul>
 *   <li>daily N: {@code asOf - N days}. On 2020-06-20, daily 90 gives 2020-03-22.</li>
 *   <li>monthly N: {@code (first day of asOf's month) - N months}. On 2020-06-20, monthly 3 gives 2020-03-01:
 *       January and February are due; the current month and N full months are kept.</li>
 * </ul>
 * The monthly form is the original's {@code date_trunc('month', col) < add_months(date_trunc('month',
 * current_date), -N)} rewritten as a plain range on {@code col}, so zone maps and indexes apply.
 */
public record Cutoff(Granularity granularity, int retention, LocalDate asOf, LocalDate date) {

    public Cutoff {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(date, "date");
    }

    /** The cutoff for a granularity and retention on {@code asOf}. */
    public static Cutoff of(Granularity granularity, int retention, LocalDate asOf) {
        if (retention < 0) {
            throw new IllegalArgumentException("retention must be >= 0: " + retention);
        }
        LocalDate date = switch (granularity) {
            case DAILY -> asOf.minusDays(retention);
            case MONTHLY -> asOf.withDayOfMonth(1).minusMonths(retention);
        };
        return new Cutoff(granularity, retention, asOf, date);
    }

    /** The cutoff of a rule on {@code asOf}. */
    public static Cutoff of(Rule rule, LocalDate asOf) {
        return of(rule.granularity(), rule.retention(), asOf);
    }

    /** True if a row dated {@code d} is due. */
    public boolean isDue(LocalDate d) {
        return d.isBefore(date);
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
