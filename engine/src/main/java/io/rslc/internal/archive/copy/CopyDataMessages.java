package io.rslc.internal.archive.copy;

import java.io.IOException;

/**
 * The data messages of a PostgreSQL {@code COPY ... TO STDOUT}, one per call, as the driver receives them: what
 * {@code SliceArchiver.writeTupleSlices} reads a binary COPY from without going through a {@code ResultSet}.
 */
public interface CopyDataMessages {

    /** The next CopyData message's bytes (not reused by the caller), or null after the last. */
    byte[] next() throws IOException;
}
