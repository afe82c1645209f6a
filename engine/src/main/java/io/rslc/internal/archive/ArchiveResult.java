package io.rslc.internal.archive;

import java.util.List;

/**
 * What archiving one slice produced, from the writer to the journal: rows and bytes (data files only), the data
 * files in key order and the key of the manifest (whose presence marks the write as complete) where rslc wrote
 * them, and the folder they are in. Redshift's UNLOAD reports only its rows ({@code pg_last_unload_count()}):
 * no files, 0 bytes, no manifest key.
 *
 * @param rows        rows written
 * @param bytes       bytes of the data files, 0 when the warehouse does not say
 * @param files       the data files rslc wrote, empty when the warehouse wrote them
 * @param manifestKey the manifest's key in its store, or null
 * @param location    the folder's full address (absolute path or {@code s3://} URL), or null until the caller
 *                    that knows the archive location names it ({@link #at})
 */
public record ArchiveResult(long rows, long bytes, List<ArchivedFile> files, String manifestKey, String location) {

    public ArchiveResult {
        files = List.copyOf(files);
    }

    /** Rows a warehouse archived itself into {@code location} (Redshift's UNLOAD). */
    public static ArchiveResult unloaded(long rows, String location) {
        return new ArchiveResult(rows, 0, List.of(), null, location);
    }

    /** This result, in the folder at {@code newLocation}. */
    public ArchiveResult at(String newLocation) {
        return new ArchiveResult(rows, bytes, files, manifestKey, newLocation);
    }
}
