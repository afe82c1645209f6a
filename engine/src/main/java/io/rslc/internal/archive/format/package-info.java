/**
 * Archive file formats rslc writes itself: TEXT and CSV rows with their encoders and parser, Parquet (schema,
 * write supports, dictionary choices), compression streams, and the part file a writer rolls at MAXFILESIZE.
 * Depends on nothing else in {@code internal.archive}.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.archive.format;
