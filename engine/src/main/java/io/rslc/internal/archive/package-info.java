/**
 * The archiver of the PostgreSQL path, where rslc writes the archive itself: a slice's or a batch's rows into part
 * files ({@code SliceArchiver}, {@code PartFileSet}, background encoders), completed as slices end
 * ({@code SliceEnds}), then manifests; and reading an archive back. File formats are in {@code .format}, COPY
 * decoding in {@code .copy}, stores in {@code .store}.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.archive;
