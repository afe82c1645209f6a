package io.rslc.internal.archive.format;

import io.rslc.api.Compression;
import io.rslc.spi.ArchiveOutput;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A TEXT or CSV file: UTF-8 lines, optionally compressed, streamed to the store. */
public final class DelimitedPartFile extends StreamedPartFile {

    private static final int MAX_KEPT_LINE = 1 << 20;

    private final Writer writer;
    private final RowEncoder encoder;
    private StringBuilder line = new StringBuilder(256);

    /**
     * @param header the columns to name in a header line, or null for none
     */
    public DelimitedPartFile(ArchiveOutput output, Compression compression, RowEncoder encoder, List<Column> header)
            throws IOException {
        super(output);
        this.encoder = encoder;
        this.writer = new OutputStreamWriter(CompressionStreams.compress(compression, output), StandardCharsets.UTF_8);
        if (header != null) {
            encoder.header(header, line);
            writer.append(line);
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        if (line.capacity() > MAX_KEPT_LINE) {
            line = new StringBuilder(256); // do not keep a huge buffer after one huge row
        }
        line.setLength(0);
        encoder.row(row, line);
        writer.append(line);
        rows++;
    }

    @Override
    public long finish() throws IOException {
        writer.close(); // finishes the compressed stream and completes the file
        return output.bytesWritten();
    }
}
