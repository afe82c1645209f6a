package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void beforeAnyCommitTheAssumedRateDecides() {
        HandClock clock = new HandClock();
        TimeBudget budget = new TimeBudget(clock.now.plusSeconds(10), clock);
        assertThat(budget.allows(0)).isTrue();
        assertThat(budget.allows((long) (TimeBudget.ASSUMED_ROWS_PER_SECOND * 10))).isTrue();
        assertThat(budget.allows((long) (TimeBudget.ASSUMED_ROWS_PER_SECOND * 10) + 1_000)).isFalse();
    }

    @Test
    void theRateAchievedSoFarDecidesAfterCommits() {
        HandClock clock = new HandClock();
        TimeBudget budget = new TimeBudget(clock.now.plusSeconds(10), clock);
        clock.now = clock.now.plusSeconds(1);
        budget.spent(100_000, Duration.ofSeconds(1)); // 100,000 rows a second
        assertThat(budget.allows(900_000)).isTrue();    // 9 s of the 9 left
        assertThat(budget.allows(950_000)).isFalse();   // 9.5 s
        clock.now = clock.now.plusSeconds(5);
        assertThat(budget.allows(400_000)).isTrue();
        assertThat(budget.allows(500_000)).isFalse();
        clock.now = clock.now.plusSeconds(4);           // at the deadline
        assertThat(budget.allows(0)).isTrue();
        clock.now = clock.now.plusMillis(1);
        assertThat(budget.allows(0)).isFalse();
    }

    @Test
    void withoutADeadlineEverythingIsAllowed() {
        TimeBudget budget = TimeBudget.unlimited(new HandClock());
        assertThat(budget.allows(Long.MAX_VALUE)).isTrue();
        assertThat(budget.limited()).isFalse();
    }
}
