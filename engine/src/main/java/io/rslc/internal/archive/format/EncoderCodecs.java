package io.rslc.internal.archive.format;

import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The compressors of every Parquet file one encoder thread writes. parquet-mr otherwise makes a codec factory per
 * file, whose Snappy compressor holds about 2 MB of buffers: 2 MB allocated per file (2 GB for 1,000 day slices)
 * and 2 MB held per open file, where a file of a few rows needs some 120 KB. A compressor is used synchronously
 * while a page is written and its output copied at once, so the files of one thread can share it; not thread-safe.
 * {@link #release()} (called by each file's writer when it closes) keeps the compressors; {@link #close()} frees
 * them.
 */
public final class EncoderCodecs implements CompressionCodecFactory, AutoCloseable {

    private final CodecFactory codecs = new CodecFactory(new PlainParquetConfiguration(),
            ParquetProperties.DEFAULT_PAGE_SIZE);

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        return codecs.getCompressor(codecName);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName, int level) {
        return codecs.getCompressor(codecName, level);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        return codecs.getDecompressor(codecName);
    }

    /** Kept for the thread's next file: a file's writer calls this when it closes. */
    @Override
    public void release() {
    }

    /** Frees the compressors, once the thread's files are complete or discarded. */
    @Override
    public void close() {
        codecs.release();
    }
}
