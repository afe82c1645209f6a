package io.rslc.internal.status;

import io.rslc.api.Cutoff;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.internal.exec.RunLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where one table stands: what is archived (from the journal), what is due now (from a live plan), what stays
 * hot, how the last run went, and when the next slice falls due.
 *
 * @param rule            the rule
 * @param cutoff          today's cutoff: rows dated before it are due
 * @param oldestHot       the oldest date still in the table, or null if it is empty
 * @param checkpoint      the rule store's checkpoint, or null
 * @param archived        what the journal holds
 * @param dueSlices       slices due now that hold rows
 * @param dueRows         rows due now
 * @param lastRun         the table's last logged run, or null
 * @param failuresSince   failed runs since the last run that ended ok
 * @param nextSlice       the first slice not yet due
 * @param nextDueOn       the day {@code nextSlice} falls due
 * @param slices          the slice-by-slice view (archived and due), oldest first; empty unless asked for
 * @param error           why the table could not be read, or null (then the numbers are partial)
 */
public record TableStatus(Rule rule, Cutoff cutoff, LocalDate oldestHot, LocalDate checkpoint, Archived archived,
                          int dueSlices, long dueRows, RunLog.Run lastRun, int failuresSince, Slice nextSlice,
                          LocalDate nextDueOn, List<SliceStatus> slices, String error) {

    /**
     * The journal's totals for a table.
     *
     * @param slices      distinct slices archived
     * @param generations committed generations (more than slices when late rows were archived later)
     * @param rows        rows archived
     * @param deleted     rows deleted
     * @param files       files written (0 where the warehouse does not report them: Redshift)
     * @param bytes       bytes written (idem)
     * @param first       the oldest archived slice, or null
     * @param last        the newest archived slice, or null
     * @param lastCommit  when the newest entry committed, or null
     */
    public record Archived(int slices, int generations, long rows, long deleted, long files, long bytes, Slice first,
                           Slice last, Instant lastCommit) {
        static final Archived NONE = new Archived(0, 0, 0, 0, 0, 0, null, null, null);
    }

    /**
     * One slice in the detailed view.
     *
     * @param slice       the slice
     * @param state       {@code archived} or {@code due}
     * @param generations committed generations (0 if due)
     * @param rows        rows archived, or rows due
     * @param files       files (archived)
     * @param bytes       bytes (archived)
     * @param archive     the newest generation's folder, or null
     * @param committedAt when the newest generation committed, or null
     */
    public record SliceStatus(Slice slice, String state, int generations, long rows, long files, long bytes,
                              String archive, Instant committedAt) {
    }
}
