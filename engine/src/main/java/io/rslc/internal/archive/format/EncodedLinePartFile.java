package io.rslc.internal.archive.format;

import io.rslc.api.Compression;
import io.rslc.spi.ArchiveOutput;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A delimited data file fed with rows already encoded by the warehouse (PostgreSQL's {@code COPY ... TO STDOUT}),
 * optionally compressed, with an optional header line written first.
 */
public final class EncodedLinePartFile extends StreamedPartFile {

    private final OutputStream stream;

    public EncodedLinePartFile(ArchiveOutput output, Compression compression, byte[] header) throws IOException {
        super(output);
        this.stream = CompressionStreams.compress(compression, output);
        if (header != null) {
            stream.write(header);
        }
    }

    @Override
    public void write(Object[] row) {
        throw new UnsupportedOperationException("EncodedLinePartFile takes encoded lines");
    }

    @Override
    public void writeLine(byte[] line, int offset, int length) throws IOException {
        stream.write(line, offset, length);
        rows++;
    }

    @Override
    public long finish() throws IOException {
        stream.close();
        return output.bytesWritten();
    }
}
