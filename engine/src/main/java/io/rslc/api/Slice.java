package io.rslc.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A half-open date range {@code [start, end)} of a table's due rows that rslc archives, deletes and journals as
 * one unit, in one transaction. A daily slice is one day, a monthly slice one calendar month. An open slice
 * ({@code start == null}) stands for "everything below {@code end}"; it only appears in offline plans that
 * know neither a checkpoint nor a start date.
 */
public record Slice(Granularity granularity, LocalDate start, LocalDate end) implements Comparable<Slice> {

    private static final DateTimeFormatter MONTH_KEY = DateTimeFormatter.ofPattern("uuuu-MM");

    public Slice {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(end, "end");
        if (start != null) {
            if (!start.equals(startOf(granularity, start))) {
                throw new IllegalArgumentException(start + " is not the start of a " + granularity + " slice");
            }
            if (!end.equals(next(granularity, start))) {
                throw new IllegalArgumentException("[" + start + ", " + end + ") is not one " + granularity + " slice");
            }
        }
    }

    /** The slice that contains {@code date}. */
    public static Slice containing(Granularity granularity, LocalDate date) {
        LocalDate start = startOf(granularity, date);
        return new Slice(granularity, start, next(granularity, start));
    }

    /** Everything below {@code end}: the offline plan's stand-in when the first due date is unknown. */
    public static Slice below(Granularity granularity, LocalDate end) {
        return new Slice(granularity, null, end);
    }

    /** The first day of the slice containing {@code date}: the date itself (daily) or the 1st (monthly). */
    public static LocalDate startOf(Granularity granularity, LocalDate date) {
        return granularity == Granularity.DAILY ? date : date.withDayOfMonth(1);
    }

    private static LocalDate next(Granularity granularity, LocalDate start) {
        return granularity == Granularity.DAILY ? start.plusDays(1) : start.plusMonths(1);
    }

    public boolean isOpen() {
        return start == null;
    }

    /** The slice after this one. */
    public Slice next() {
        if (isOpen()) {
            throw new IllegalStateException("an open slice has no successor");
        }
        return containing(granularity, end);
    }

    /** True if {@code date} falls in this slice. */
    public boolean contains(LocalDate date) {
        return (start == null || !date.isBefore(start)) && date.isBefore(end);
    }

    /** A stable name: {@code 2020-03-21} (daily), {@code 2020-03} (monthly), {@code before-2020-03-22} (open). */
    public String key() {
        if (isOpen()) {
            return "before-" + end;
        }
        return granularity == Granularity.DAILY ? start.toString() : start.format(MONTH_KEY);
    }

    /** Oldest first; an open slice sorts before any closed one. */
    @Override
    public int compareTo(Slice o) {
        if (start == null || o.start == null) {
            return start == null ? (o.start == null ? end.compareTo(o.end) : -1) : 1;
        }
        return start.compareTo(o.start);
    }

    @Override
    public String toString() {
        return "[" + (start == null ? "" : start) + ", " + end + ")";
    }
}
