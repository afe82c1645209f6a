package io.rslc.internal.archive;

import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.format.DelimitedPartFile;
import io.rslc.internal.archive.format.DictionaryChoices;
import io.rslc.internal.archive.format.EncoderCodecs;
import io.rslc.internal.archive.format.ParquetPartFile;
import io.rslc.internal.archive.format.ParquetSchema;
import io.rslc.internal.archive.format.PartFile;
import io.rslc.internal.archive.format.RowEncoder;
import io.rslc.internal.archive.format.RowWriteSupport;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.parquet.hadoop.api.WriteSupport;

/**
 * How {@link SliceArchiver}'s part files are made, per format: Parquet files fed by a write support (the encoder
 * thread's files share its compressors; all learn dictionary choices together), or delimited TEXT/CSV files fed
 * by a row encoder. A file whose setup fails aborts its output, so no partial object stays behind.
 */
final class PartFileOpeners {

    /** Parquet row group size without partitions. */
    static final long ROW_GROUP_BYTES = 64L << 20;
    /** Parquet row group size with partitions, so {@link ScanPolicy#MAX_OPEN_FILES} open files stay affordable. */
    static final long PARTITIONED_ROW_GROUP_BYTES = 4L << 20;

    private PartFileOpeners() {
    }

    static String extension(UnloadOptions options) {
        return options.format() == FileFormat.PARQUET ? ".parquet" : options.compression().suffix();
    }

    /**
     * Openers of Parquet files fed by a write support made per file (each file's writer owns its support), one per
     * encoder thread: the thread's files share its compressors ({@link EncoderCodecs}); all learn dictionary
     * choices together.
     */
    static <R> Supplier<PartFileSet.Opener<R>> parquet(ArchiveStore store, List<Column> columns, boolean partitioned,
                                                       Function<List<Column>, WriteSupport<R>> support) {
        long rowGroup = partitioned ? PARTITIONED_ROW_GROUP_BYTES : ROW_GROUP_BYTES;
        ParquetSchema.of(columns); // fail early on names Parquet cannot take
        DictionaryChoices dictionaries = new DictionaryChoices(columns);
        return () -> new PartFileSet.Opener<>() {
            private final EncoderCodecs codecs = new EncoderCodecs();

            @Override
            public PartFile<R> open(String key) throws IOException {
                ArchiveOutput out = store.create(key);
                try {
                    return new ParquetPartFile<>(out, store.uri(key), support.apply(columns), rowGroup, dictionaries,
                            codecs);
                } catch (IOException | RuntimeException e) {
                    out.abort();
                    throw e;
                }
            }

            @Override
            public void close() {
                codecs.close();
            }
        };
    }

    static Supplier<PartFileSet.Opener<Object[]>> rows(UnloadOptions options, ArchiveStore store,
                                                       List<Column> columns, boolean partitioned) {
        if (options.format() == FileFormat.PARQUET) {
            return parquet(store, columns, partitioned, RowWriteSupport::new);
        }
        RowEncoder encoder = RowEncoder.of(options);
        List<Column> header = options.header() ? columns : null;
        PartFileSet.Opener<Object[]> opener = key -> {
            ArchiveOutput out = store.create(key);
            try {
                return new DelimitedPartFile(out, options.compression(), encoder, header);
            } catch (IOException | RuntimeException e) {
                out.abort();
                throw e;
            }
        };
        return () -> opener;
    }
}
