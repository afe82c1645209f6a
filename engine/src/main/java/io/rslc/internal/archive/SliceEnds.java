package io.rslc.internal.archive;

import java.time.LocalDate;
import java.util.Map;

/**
 * How the archiver of a batch ({@link SliceArchiver#writeSlices}, {@link SliceArchiver#writeTupleSlices}) knows
 * that a slice's rows are all written, so its files complete at once, freeing their buffers (a Parquet file holds
 * its pages until it completes), instead of staying open until the batch ends or the open-file limit evicts them:
 * <ul>
 *   <li>{@link #unknown()}: rows in any order; files complete at the end (or when evicted);</li>
 *   <li>{@link #atNextSlice()}: rows sorted by slice; a slice ends when a row of another arrives;</li>
 *   <li>{@link #atRowCount}: rows in heap order; a slice ends with its row count, as counted in the batch's
 *       snapshot (so the archiver may keep many more files open: each holds only its slice's rows read so far).</li>
 * </ul>
 * A slice whose rows keep coming after it ended (a count or an order that proved wrong) continues in a new part
 * file of its folder: the hint only ever changes how many files there are, never which rows are archived.
 */
public final class SliceEnds {

    private static final SliceEnds UNKNOWN = new SliceEnds(false, null);
    private static final SliceEnds AT_NEXT_SLICE = new SliceEnds(true, null);

    private final boolean sorted;
    private final Map<LocalDate, Long> rows;

    private SliceEnds(boolean sorted, Map<LocalDate, Long> rows) {
        this.sorted = sorted;
        this.rows = rows;
    }

    /** Rows in any order. */
    public static SliceEnds unknown() {
        return UNKNOWN;
    }

    /** Rows sorted by slice. */
    public static SliceEnds atNextSlice() {
        return AT_NEXT_SLICE;
    }

    /** Rows in any order, each slice (by start date) with this many rows. */
    public static SliceEnds atRowCount(Map<LocalDate, Long> rowsBySlice) {
        return new SliceEnds(false, Map.copyOf(rowsBySlice));
    }

    boolean sorted() {
        return sorted;
    }

    /** The expected rows of a slice, or -1 if not known. */
    long rows(LocalDate slice) {
        if (rows == null) {
            return -1;
        }
        Long n = rows.get(slice);
        return n == null ? -1 : n;
    }

    /** True if slices end by their row counts. */
    boolean counted() {
        return rows != null;
    }

    @Override
    public String toString() {
        return sorted ? "at the next slice" : rows != null ? "at " + rows.size() + " slices' row counts" : "unknown";
    }
}
