package io.rslc.internal.archive.copy;

import java.io.IOException;

/**
 * CSV rows encoded by the warehouse, one per call, as PostgreSQL's {@code COPY (SELECT * ...) TO STDOUT WITH
 * (FORMAT csv, HEADER true)} sends them under {@code DateStyle ISO}: the header first, then each row with its line
 * end. A row's slice is read from the text of its date column ({@code YYYY-MM-DD}, then a time for timestamps).
 */
public interface EncodedCsvRows {

    /** The next row (the header on the first call), or null at the end. */
    byte[] next() throws IOException;
}
