package io.rslc.internal.archive;

import io.rslc.spi.ArchiveStore;

/**
 * One data file written for a slice: its key in the {@link ArchiveStore}, its row count and its size in bytes,
 * as listed in the manifest.
 */
public record ArchivedFile(String key, long rows, long bytes) {
}
