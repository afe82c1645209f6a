package io.rslc.spi;

import java.io.OutputStream;

/**
 * A file being written to an {@link ArchiveStore}. {@link #close()} completes the file; {@link #abort()} throws
 * the written bytes away (for S3 it aborts the multipart upload, so no hidden parts are left to pay for).
 * Write errors are thrown as {@link io.rslc.api.RslcException} ({@code ARCHIVE}), never as {@code IOException}.
 */
public abstract class ArchiveOutput extends OutputStream {

    /** Bytes written so far; after {@link #close()}, the size of the file. */
    public abstract long bytesWritten();

    /** Discards the file. Does nothing if the file was already completed or aborted. Never throws. */
    public abstract void abort();

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public abstract void write(byte[] b, int off, int len);

    @Override
    public void flush() {
        // nothing to do by default: data is sent when buffers fill and on close
    }

    @Override
    public abstract void close();
}
