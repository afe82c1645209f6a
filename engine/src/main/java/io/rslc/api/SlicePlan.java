package io.rslc.api;

import java.util.Objects;

/**
 * One slice of a table plan: its range, what the warehouse reported for it (when planned against a database) and
 * where its files go. The statements that process it are those of its {@link TransactionPlan}.
 *
 * @param slice      the date range
 * @param rows       the due rows counted in it, or -1 when planned offline
 * @param generation the archive generation it will write: {@code rslc_gen=<n>} in its folder, one more than the
 *                   last committed one, so a reader never sees an uncommitted attempt's files
 * @param archive    the folder its files go to, or null if the mode archives nothing
 */
public record SlicePlan(Slice slice, long rows, int generation, String archive) {

    public SlicePlan {
        Objects.requireNonNull(slice, "slice");
    }

    /** True if the row count came from the warehouse. */
    public boolean rowsKnown() {
        return rows >= 0;
    }
}
