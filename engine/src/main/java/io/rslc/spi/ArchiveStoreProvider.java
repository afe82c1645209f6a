package io.rslc.spi;

import io.rslc.api.ArchiveLocation;

/**
 * Opens archive stores for locations that are not local folders, e.g. {@code s3://bucket/prefix/}. rslc finds
 * providers with {@link java.util.ServiceLoader} ({@code META-INF/services/io.rslc.spi.ArchiveStoreProvider}), or
 * takes one given to {@code Rslc.Configuration.archiveStores(...)}. Local folders are built in.
 */
public interface ArchiveStoreProvider {

    /** True if this provider opens {@code location}. */
    boolean supports(ArchiveLocation location);

    /** Opens the store behind {@code location}; every failure is an {@code ARCHIVE} {@link io.rslc.api.RslcException}. */
    ArchiveStore open(ArchiveLocation location);
}
