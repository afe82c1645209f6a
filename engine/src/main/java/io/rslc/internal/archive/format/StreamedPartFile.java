package io.rslc.internal.archive.format;

import io.rslc.spi.ArchiveOutput;

/** What every streamed data file shares: its store output, its row count, its size so far, and abort. */
public abstract class StreamedPartFile implements PartFile<Object[]> {

    final ArchiveOutput output;
    long rows;

    StreamedPartFile(ArchiveOutput output) {
        this.output = output;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public long bytes() {
        return output.bytesWritten();
    }

    @Override
    public void abort() {
        output.abort();
    }
}
