package io.rslc.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one table in a run. Committed slices stay committed even when a later slice fails: the
 * report then lists them with the error that stopped the table.
 *
 * @param rule              the rule
 * @param status            outcome
 * @param cutoff            the cutoff used
 * @param slices            committed slices, oldest first
 * @param maintenance       VACUUM/ANALYZE statements run
 * @param checkpointBefore  the rule store's checkpoint at the start
 * @param checkpointAfter   the checkpoint written (or still held) at the end
 * @param duration          wall time
 * @param error             why the table failed or was skipped, or null
 * @param notes             things worth knowing (reconciled checkpoint, rows that changed since planning, ...)
 */
public record TableReport(Rule rule, Status status, LocalDate cutoff, List<SliceReport> slices,
                          List<String> maintenance, LocalDate checkpointBefore, LocalDate checkpointAfter,
                          Duration duration, String error, List<String> notes) {

    /** Outcome of a table. */
    public enum Status {
        /** Every due slice was processed (possibly none were due). */
        OK,
        /** Another rslc process holds the table's lock; nothing was done. */
        BUSY,
        /** An error stopped the table; committed slices stay committed. */
        FAILED,
        /**
         * The run's time budget ran out before the table's due slices were all done (possibly before it started):
         * committed slices stay committed, maintenance waits, and the next run continues where this one stopped.
         */
        STOPPED
    }

    public TableReport {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        slices = List.copyOf(slices);
        maintenance = List.copyOf(maintenance);
        notes = List.copyOf(notes);
    }

    public long rowsArchived() {
        return slices.stream().mapToLong(SliceReport::rowsArchived).sum();
    }

    public long rowsDeleted() {
        return slices.stream().mapToLong(SliceReport::rowsDeleted).sum();
    }

    public int files() {
        return slices.stream().mapToInt(SliceReport::files).sum();
    }

    public long bytes() {
        return slices.stream().mapToLong(SliceReport::bytes).sum();
    }
}
