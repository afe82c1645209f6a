package io.rslc.archive;

import java.io.IOException;

/** One data file being written, in one format. Not thread-safe. */
interface PartFile {

    /** Adds a row; values as {@link Column#read} returns them. */
    void write(Object[] row) throws IOException;

    /** Rows written so far. */
    long rows();

    /** Bytes written so far, compressed; approximate while the file is open (writers buffer). */
    long bytes();

    /** Completes the file and returns its size. */
    long finish() throws IOException;

    /** Discards the file; never throws. */
    void abort();
}
