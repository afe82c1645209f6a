package io.rslc.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.Cutoff;
import io.rslc.api.Granularity;
import io.rslc.api.Slice;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of cutoffs and slices, checked against oracles written differently from the code (epoch days and
 * month numbers instead of {@code LocalDate} arithmetic), over 1900..2200 and retentions 0..2000.
 */
class DateMathProperties {

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs()
                .between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2200, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay)
                .edgeCases(c -> c.add(LocalDate.of(2000, 2, 29), LocalDate.of(2020, 2, 29), LocalDate.of(1900, 2, 28),
                        LocalDate.of(2019, 12, 31), LocalDate.of(2020, 1, 31), LocalDate.of(2020, 3, 31)));
    }

    private static long monthNumber(LocalDate d) {
        return d.getYear() * 12L + d.getMonthValue() - 1;
    }

    /** The original's daily predicate: {@code col < current_date - N}, as epoch-day arithmetic. */
    private static boolean originalDailyDue(LocalDate col, LocalDate asOf, int n) {
        return col.toEpochDay() < asOf.toEpochDay() - n;
    }

    /** The original's monthly predicate: {@code date_trunc('month', col) < add_months(date_trunc('month', now), -N)}. */
    private static boolean originalMonthlyDue(LocalDate col, LocalDate asOf, int n) {
        return monthNumber(col) < monthNumber(asOf) - n;
    }

    @Property(tries = 2000)
    void dailyPredicateSelectsWhatTheOriginalSelected(@ForAll("dates") LocalDate asOf, @ForAll("dates") LocalDate col,
                                                      @ForAll @IntRange(min = 0, max = 2000) int n) {
        Cutoff cutoff = Cutoff.of(Granularity.DAILY, n, asOf);
        assertThat(cutoff.isDue(col)).isEqualTo(originalDailyDue(col, asOf, n));
    }

    @Property(tries = 2000)
    void monthlyPredicateSelectsWhatTheOriginalSelected(@ForAll("dates") LocalDate asOf,
                                                        @ForAll("dates") LocalDate col,
                                                        @ForAll @IntRange(min = 0, max = 2000) int n) {
        Cutoff cutoff = Cutoff.of(Granularity.MONTHLY, n, asOf);
        assertThat(cutoff.isDue(col)).isEqualTo(originalMonthlyDue(col, asOf, n));
    }

    @Property(tries = 2000)
    void dueDatesNearTheCutoffMatchTheOriginal(@ForAll("dates") LocalDate asOf,
                                               @ForAll @IntRange(min = 0, max = 2000) int n,
                                               @ForAll @IntRange(min = -40, max = 40) int offset,
                                               @ForAll Granularity g) {
        // Random pairs rarely land next to the cutoff; probe the boundary itself.
        Cutoff cutoff = Cutoff.of(g, n, asOf);
        LocalDate col = cutoff.date().plusDays(offset);
        boolean original = g == Granularity.DAILY ? originalDailyDue(col, asOf, n) : originalMonthlyDue(col, asOf, n);
        assertThat(cutoff.isDue(col)).isEqualTo(original);
    }

    @Property
    void slicesTileTheRangeExactly(@ForAll Granularity g, @ForAll("dates") LocalDate from,
                                   @ForAll("dates") LocalDate asOf, @ForAll @IntRange(min = 0, max = 2000) int n) {
        Cutoff cutoff = Cutoff.of(g, n, asOf);
        List<Slice> slices = Slices.between(g, from, cutoff.date());
        LocalDate start = Slice.startOf(g, from);
        if (!start.isBefore(cutoff.date())) {
            assertThat(slices).isEmpty();
            return;
        }
        assertThat(slices.get(0).start()).isEqualTo(start);
        assertThat(slices.get(slices.size() - 1).end()).isEqualTo(cutoff.date());
        for (int i = 1; i < slices.size(); i++) {
            assertThat(slices.get(i).start()).as("no gap or overlap at %d", i).isEqualTo(slices.get(i - 1).end());
        }
        long days = slices.stream().mapToLong(s -> s.end().toEpochDay() - s.start().toEpochDay()).sum();
        assertThat(days).isEqualTo(cutoff.date().toEpochDay() - start.toEpochDay());
    }

    @Property
    void noSliceReachesPastTheCutoffAndEveryDayInASliceIsDue(@ForAll Granularity g, @ForAll("dates") LocalDate from,
                                                             @ForAll("dates") LocalDate asOf,
                                                             @ForAll @IntRange(min = 0, max = 400) int n) {
        Cutoff cutoff = Cutoff.of(g, n, asOf);
        for (Slice s : Slices.between(g, from, cutoff.date())) {
            assertThat(s.end()).isBeforeOrEqualTo(cutoff.date());
            assertThat(cutoff.isDue(s.end().minusDays(1))).isTrue();
            assertThat(cutoff.isDue(s.start())).isTrue();
        }
    }

    @Property
    void monthlySlicesAreCalendarMonths(@ForAll("dates") LocalDate d) {
        Slice s = Slice.containing(Granularity.MONTHLY, d);
        assertThat(s.start().getDayOfMonth()).isEqualTo(1);
        assertThat(s.start().getMonth()).isEqualTo(d.getMonth());
        assertThat(s.end().toEpochDay() - s.start().toEpochDay()).isEqualTo(d.lengthOfMonth());
        assertThat(s.contains(d)).isTrue();
        assertThat(s.contains(s.end())).isFalse();
    }

    @Property
    void dailySlicesAreOneDay(@ForAll("dates") LocalDate d) {
        Slice s = Slice.containing(Granularity.DAILY, d);
        assertThat(s.start()).isEqualTo(d);
        assertThat(s.end().toEpochDay() - s.start().toEpochDay()).isEqualTo(1);
    }

    @Property
    void aLaterAsOfNeverGivesAnEarlierCutoff(@ForAll Granularity g, @ForAll("dates") LocalDate asOf,
                                              @ForAll @IntRange(min = 0, max = 3000) int laterBy,
                                              @ForAll @IntRange(min = 0, max = 2000) int n) {
        assertThat(Cutoff.of(g, n, asOf.plusDays(laterBy)).date()).isAfterOrEqualTo(Cutoff.of(g, n, asOf).date());
    }

    @Property
    void moreRetentionNeverGivesALaterCutoff(@ForAll Granularity g, @ForAll("dates") LocalDate asOf,
                                             @ForAll @IntRange(min = 0, max = 2000) int n) {
        assertThat(Cutoff.of(g, n + 1, asOf).date()).isBefore(Cutoff.of(g, n, asOf).date());
    }

    @Property
    void theCutoffIsASliceBoundary(@ForAll Granularity g, @ForAll("dates") LocalDate asOf,
                                   @ForAll @IntRange(min = 0, max = 2000) int n) {
        LocalDate c = Cutoff.of(g, n, asOf).date();
        assertThat(Slice.startOf(g, c)).isEqualTo(c);
    }

    @Property
    void resumingAfterACheckpointSkipsExactlyItsSlice(@ForAll Granularity g, @ForAll("dates") LocalDate checkpoint) {
        LocalDate resume = Slices.afterCheckpoint(g, checkpoint);
        assertThat(Slice.containing(g, checkpoint).next().start()).isEqualTo(resume);
        assertThat(resume).isAfter(checkpoint);
    }

    @Example
    void retentionZeroKeepsOnlyTodayOrThisMonth() {
        LocalDate asOf = LocalDate.of(2020, 6, 20);
        assertThat(Cutoff.of(Granularity.DAILY, 0, asOf).date()).isEqualTo(asOf);
        assertThat(Cutoff.of(Granularity.MONTHLY, 0, asOf).date()).isEqualTo(LocalDate.of(2020, 6, 1));
    }

    @Example
    void readmeDailyExample() {
        // "If you execute the job on 20th June 2020 ... daily, 90: data before 22nd March 2020"
        assertThat(Cutoff.of(Granularity.DAILY, 90, LocalDate.of(2020, 6, 20)).date())
                .isEqualTo(LocalDate.of(2020, 3, 22));
    }

    @Example
    void readmeMonthlyExample() {
        // "... monthly, 3: data for January 2020 and February 2020"
        Cutoff c = Cutoff.of(Granularity.MONTHLY, 3, LocalDate.of(2020, 6, 20));
        assertThat(c.date()).isEqualTo(LocalDate.of(2020, 3, 1));
        assertThat(Slices.between(Granularity.MONTHLY, LocalDate.of(2020, 1, 15), c.date()))
                .extracting(Slice::key).containsExactly("2020-01", "2020-02");
    }

    @Example
    void leapDayMonthlySlice() {
        Slice feb = Slice.containing(Granularity.MONTHLY, LocalDate.of(2020, 2, 29));
        assertThat(feb.start()).isEqualTo(LocalDate.of(2020, 2, 1));
        assertThat(feb.end()).isEqualTo(LocalDate.of(2020, 3, 1));
        assertThat(Cutoff.of(Granularity.DAILY, 366, LocalDate.of(2021, 3, 1)).date()).isEqualTo(LocalDate.of(2020, 2, 29));
    }
}
