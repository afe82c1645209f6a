package io.rslc.internal.verify;

import io.rslc.api.TableName;
import java.util.List;

/**
 * What {@code rslc verify} checked for one table and what it found.
 *
 * @param table    the managed table
 * @param slices   journaled slice generations checked
 * @param rows     rows counted in their files
 * @param files    data files read
 * @param bytes    bytes of those files
 * @param findings what is wrong, empty if the archive matches the journal
 * @param removed  orphans removed by {@code --clean-orphans} (their URIs)
 * @param note     why a check was skipped (e.g. a run holds the table), or null
 * @param error    why the table could not be verified at all, or null
 */
public record TableVerification(TableName table, int slices, long rows, long files, long bytes,
                                List<Finding> findings, List<String> removed, String note, String error) {

    /** A table that could not be verified. */
    static TableVerification failed(TableName table, String error) {
        return new TableVerification(table, 0, 0, 0, 0, List.of(), List.of(), null, error);
    }

    /** True if it was verified and nothing but orphans that were then removed was found. */
    public boolean clean() {
        return error == null && findings.stream().allMatch(f -> f.orphan() && removed.contains(f.uri()));
    }
}
