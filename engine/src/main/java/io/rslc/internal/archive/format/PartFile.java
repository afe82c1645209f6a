package io.rslc.internal.archive.format;

import java.io.IOException;

/**
 * One data file being written, in one format. Not thread-safe.
 *
 * @param <R> what a row is: values as {@link Column#read} returns them ({@code Object[]}), or a PostgreSQL binary COPY
 *            tuple ({@code byte[]}, see {@link CopyTuples})
 */
public interface PartFile<R> {

    /** Adds a row. */
    void write(R row) throws IOException;

    /** Adds one row already encoded as a line (with its line end), for formats that take pre-encoded rows. */
    default void writeLine(byte[] line, int offset, int length) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes rows, not lines");
    }

    /** Rows written so far. */
    long rows();

    /** Bytes written so far, compressed; approximate while the file is open (writers buffer). */
    long bytes();

    /** Completes the file and returns its size. */
    long finish() throws IOException;

    /** Discards the file; never throws. */
    void abort();
}
