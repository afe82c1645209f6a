package io.rslc.internal.exec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The time a run may still use, for runners with a hard end (a Lambda invocation, a maintenance window): a
 * transaction starts only if, at the rows per second this run has achieved so far, it is expected to commit
 * before the deadline. Before the first commit the rate is assumed to be {@link #ASSUMED_ROWS_PER_SECOND}, a
 * cautious figure (the benchmark's backfill moves 300,000-500,000 rows a second on 2 cores). The caller keeps its
 * own margin for what follows the last transaction (maintenance is skipped when the budget stops a table). A stop
 * request (Ctrl-C, SIGTERM, {@code Rslc.stop()}) ends the budget at once: no transaction starts after it, the one
 * in flight finishes.
 */
final class TimeBudget {

    /** Rows a second assumed before this run has committed anything. */
    static final double ASSUMED_ROWS_PER_SECOND = 20_000;

    private final Instant deadline;
    private final Clock clock;
    private final BooleanSupplier stopRequested;
    private long rows;
    private Duration spent = Duration.ZERO;

    TimeBudget(Instant deadline, Clock clock) {
        this(deadline, clock, () -> false);
    }

    /** @param stopRequested true once the run must start nothing more */
    TimeBudget(Instant deadline, Clock clock, BooleanSupplier stopRequested) {
        this.deadline = deadline;
        this.clock = clock;
        this.stopRequested = stopRequested;
    }

    /** No deadline: everything is allowed. */
    static TimeBudget unlimited(Clock clock) {
        return new TimeBudget(null, clock);
    }

    /**
     * True if a transaction of {@code plannedRows} is expected to commit before the deadline, and no stop was
     * requested.
     */
    boolean allows(long plannedRows) {
        if (stopRequested.getAsBoolean()) {
            return false;
        }
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

    /** Whether a stop was requested. */
    boolean stopRequested() {
        return stopRequested.getAsBoolean();
    }

    /** What ended the budget, for messages: {@code interrupted} or {@code the time budget (until ...)}. */
    String why() {
        return stopRequested() ? "interrupted" : "the time budget (until " + deadline + ")";
    }
}
