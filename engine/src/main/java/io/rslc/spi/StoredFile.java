package io.rslc.spi;

/**
 * A file found in an {@link ArchiveStore}: its key relative to the store's root and its size in bytes.
 */
public record StoredFile(String key, long size) {
}
