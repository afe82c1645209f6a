package io.rslc.plan;

import java.util.List;
import java.util.Objects;

/**
 * One slice of a table plan: its range, what the warehouse reported for it (when planned against a database),
 * where its files go, and the statements that process it.
 *
 * @param slice        the date range
 * @param rows         the due rows counted in it, or -1 when planned offline
 * @param generation   the archive generation it will write ({@link ArchiveLayout})
 * @param archive      the folder its files go to, or null if the mode archives nothing
 * @param statements   the SQL, in execution order
 */
public record SlicePlan(Slice slice, long rows, int generation, String archive, List<String> statements) {

    public SlicePlan {
        Objects.requireNonNull(slice, "slice");
        statements = List.copyOf(statements);
    }

    /** True if the row count came from the warehouse. */
    public boolean rowsKnown() {
        return rows >= 0;
    }
}
