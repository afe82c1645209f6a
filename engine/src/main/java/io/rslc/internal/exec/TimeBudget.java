package io.rslc.internal.exec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time a run may still use, for runners with a hard end (a Lambda invocation, a maintenance window): a
 * transaction starts only if, at the rows per second this run has achieved so far, it is expected to commit
 * before the deadline. Before the first commit the rate is assumed to be {@link #ASSUMED_ROWS_PER_SECOND}, a
 * cautious figure (the benchmark's backfill moves 300,000-500,000 rows a second on 2 cores). The caller keeps its
 * own margin for what follows the last transaction (maintenance is skipped when the budget stops a table).
 */
final class TimeBudget {

    /** Rows a second assumed before this run has committed anything. */
    static final double ASSUMED_ROWS_PER_SECOND = 20_000;

    private final Instant deadline;
    private final Clock clock;
    private long rows;
    private Duration spent = Duration.ZERO;

    TimeBudget(Instant deadline, Clock clock) {
        this.deadline = deadline;
        this.clock = clock;
    }

    /** No deadline: everything is allowed. */
    static TimeBudget unlimited(Clock clock) {
        return new TimeBudget(null, clock);
    }

    /** True if a transaction of {@code plannedRows} is expected to commit before the deadline. */
    boolean allows(long plannedRows) {
        if (deadline == null) {
            return true;
        }
        double rate = rows > 0 && !spent.isZero() ? rows / (spent.toNanos() / 1e9) : ASSUMED_ROWS_PER_SECOND;
        long expectedMillis = (long) Math.ceil(Math.max(0, plannedRows) / rate * 1000);
        return !clock.instant().plusMillis(expectedMillis).isAfter(deadline);
    }

    /** A transaction of {@code committedRows} took {@code took}. */
    void spent(long committedRows, Duration took) {
        rows += committedRows;
        spent = spent.plus(took);
    }

    boolean limited() {
        return deadline != null;
    }

    Instant deadline() {
        return deadline;
    }
}
