package io.rslc.api;

import java.time.Duration;

/**
 * One committed slice.
 *
 * @param slice        the slice
 * @param generation   its archive generation
 * @param rowsArchived rows written to the archive (0 for delete-only)
 * @param rowsDeleted  rows deleted (0 for unload-only)
 * @param files        archive files written
 * @param bytes        archive bytes written
 * @param archive      the archive folder, or null
 * @param attempts     transactions it took (more than 1 after serialization conflicts)
 * @param duration     wall time of the committed attempt
 */
public record SliceReport(Slice slice, int generation, long rowsArchived, long rowsDeleted, int files, long bytes,
                          String archive, int attempts, Duration duration) {
}
