/**
 * Archive files written by rslc itself (the PostgreSQL path): stores, file formats (TEXT/CSV/PARQUET, compression), manifests, PostgreSQL COPY decoding.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.archive;
