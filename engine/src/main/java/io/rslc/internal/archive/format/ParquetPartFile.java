package io.rslc.internal.archive.format;

import io.rslc.spi.ArchiveOutput;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Snappy-compressed Parquet file streamed straight to the store (no temporary file): parquet-mr writes
 * sequentially, so an {@link ArchiveOutput} serves as its output file. parquet-floor supplies the few Hadoop
 * classes parquet-mr needs, so no Hadoop is on the class path. Memory: one row group is buffered.
 */
public final class ParquetPartFile<R> implements PartFile<R> {

    private static final int SIZE_CHECK_ROWS = 100;

    private final ArchiveOutput output;
    private final ParquetWriter<R> writer;
    private final DictionaryChoices dictionaries;
    private final boolean[] dictionary;
    private long rows;
    private long bytes;

    /** @param codecs the compressors of the writing thread's files ({@link EncoderCodecs}) */
    public ParquetPartFile(ArchiveOutput output, String uri, WriteSupport<R> support, long rowGroupBytes,
                    DictionaryChoices dictionaries, CompressionCodecFactory codecs) throws IOException {
        this.output = output;
        this.dictionaries = dictionaries;
        this.dictionary = dictionaries.nextFile();
        Builder<R> builder = new Builder<>(new StreamOutputFile(output, uri), support)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withCodecFactory(codecs)
                .withRowGroupSize(rowGroupBytes);
        for (int i = 0; i < dictionary.length; i++) {
            builder = builder.withDictionaryEncoding(dictionaries.column(i), dictionary[i]);
        }
        this.writer = builder.build();
    }

    @Override
    public void write(R row) throws IOException {
        writer.write(row);
        rows++;
        if (rows % SIZE_CHECK_ROWS == 0) {
            bytes = writer.getDataSize();
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public long finish() throws IOException {
        writer.close(); // writes the footer and closes (completes) the output
        dictionaries.learn(writer.getFooter(), dictionary);
        return output.bytesWritten();
    }

    @Override
    public void abort() {
        output.abort();
    }

    private static final class Builder<R> extends ParquetWriter.Builder<R, Builder<R>> {
        private final WriteSupport<R> support;

        Builder(OutputFile file, WriteSupport<R> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<R> self() {
            return this;
        }

        @Override
        protected WriteSupport<R> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        @SuppressWarnings("deprecation") // abstract in parquet-mr, so it must be implemented
        protected WriteSupport<R> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    /** The store's output as a Parquet output file; its position is the count of bytes written. */
    private record StreamOutputFile(ArchiveOutput out, String uri) implements OutputFile {

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return out.bytesWritten();
                }

                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out.write(b, off, len);
                }

                @Override
                public void flush() {
                    out.flush();
                }

                @Override
                public void close() {
                    out.close();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return uri;
        }
    }
}
