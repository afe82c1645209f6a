package io.rslc.internal.warehouse;

/**
 * What archiving one slice produced, as reported by the writer (PostgreSQL) or by Redshift
 * ({@code pg_last_unload_count()}).
 *
 * @param rows     rows written to the archive
 * @param files    data files written
 * @param bytes    bytes written (0 when the warehouse does not say)
 * @param location the folder the files are in
 */
public record ArchivedSlice(long rows, int files, long bytes, String location) {
}
