package io.rslc.internal.archive.format;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.rslc.api.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** The compressing and decompressing streams of each {@link Compression}: JDK gzip, zstd-jni, commons-compress bzip2. */
public final class CompressionStreams {

    private static final int BUFFER = 64 << 10;

    private CompressionStreams() {
    }

    /** Compresses into {@code out}; closing the result finishes the compressed stream and closes {@code out}. */
    static OutputStream compress(Compression compression, OutputStream out) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case ZSTD -> new ZstdOutputStream(out, 3);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
        };
    }

    /** Decompresses {@code in}. */
    public static InputStream decompress(Compression compression, InputStream in) throws IOException {
        return switch (compression) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new ZstdInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
        };
    }
}
