package io.rslc.archive;

import java.io.IOException;

/**
 * CSV rows encoded by the warehouse, one per call, as PostgreSQL's {@code COPY (SELECT slice_start, * ...) TO
 * STDOUT WITH (FORMAT csv, HEADER true)} sends them: the header first, then each row with its line end, the first
 * field of every row being the start date of the row's slice ({@code YYYY-MM-DD}, routing only, not archived).
 */
public interface EncodedCsvRows {

    /** The next row (the header on the first call), or null at the end. */
    byte[] next() throws IOException;
}
