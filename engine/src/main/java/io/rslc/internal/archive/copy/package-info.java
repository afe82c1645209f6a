/**
 * PostgreSQL COPY decoding: the CopyData messages of {@code COPY ... TO STDOUT}, binary tuples and their values,
 * CSV rows routed by their date field, and Parquet written straight from binary tuples.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.archive.copy;
