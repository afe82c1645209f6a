/**
 * Where archive files go: the local folder store (fsyncs, atomic renames, key rules) and the lookup of a store for
 * an archive location ({@code ArchiveStores}: the local one, then {@code ArchiveStoreProvider}s such as S3's).
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.archive.store;
