package io.rslc.internal.archive;

import java.util.List;

/**
 * What {@link SliceArchiver} wrote for one slice: the row and byte totals (data files only), the data files in
 * key order, and the key of the manifest, whose presence marks the write as complete.
 */
public record ArchiveResult(long rows, long bytes, List<ArchivedFile> files, String manifestKey) {

    public ArchiveResult {
        files = List.copyOf(files);
    }
}
