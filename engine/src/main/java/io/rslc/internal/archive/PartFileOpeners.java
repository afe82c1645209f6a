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
 * by a row encoder (JSON lines too). A file whose setup fails aborts its output, so no partial object stays behind.
 */
final class PartFileOpeners {

    /** Parquet row group size without partitions. */
    static final long ROW_GROUP_BYTES = 64L << 20;
    /** Parquet row group size with partitions, so {@link ScanPolicy#MAX_OPEN_FILES} open files stay affordable. */
    static final long PARTITIONED_ROW_GROUP_BYTES = 4L << 20;

    private PartFileOpeners() {
    }

    /**
     * The part files' suffix: the rule's EXTENSION with its dot if it has one (which replaces the compression's, as
     * Redshift's {@code EXTENSION 'csv.gz'} with GZIP names {@code 0000_part_00.csv.gz}), else {@code .parquet} for
     * Parquet and the compression's ({@code .gz}, ...) or none for TEXT, CSV and JSON.
     */
    static String extension(UnloadOptions options) {
        if (options.extension() != null) {
            return "." + options.extension();
        }
        return options.format() == FileFormat.PARQUET ? ".parquet" : options.compression().suffix();
    }

    /**
     * Openers of Parquet files fed by a write support made per file (each file's writer owns its support), one per
     * encoder thread: the thread's files share its compressors ({@link EncoderCodecs}); all learn dictionary
     * choices together.
     */
    static <R> Supplier<PartFileSet.Opener<R>> parquet(ArchiveStore store, List<Column> columns, long rowGroup,
                                                       Function<List<Column>, WriteSupport<R>> support) {
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

    /**
     * The Parquet row group size: the rule's ROWGROUPSIZE (or 64 MB) for a single slice without partitions; 4 MB
     * when many files may be open at once (partitions, batches of slices), whatever the rule says, so their
     * buffered row groups fit in memory.
     */
    static long rowGroupBytes(UnloadOptions options, boolean partitioned) {
        if (partitioned) {
            return PARTITIONED_ROW_GROUP_BYTES;
        }
        return options.rowGroupSizeMb() != null ? (long) options.rowGroupSizeMb() << 20 : ROW_GROUP_BYTES;
    }

    static Supplier<PartFileSet.Opener<Object[]>> rows(UnloadOptions options, ArchiveStore store,
                                                       List<Column> columns, boolean partitioned) {
        if (options.format() == FileFormat.PARQUET) {
            return parquet(store, columns, rowGroupBytes(options, partitioned), RowWriteSupport::new);
        }
        RowEncoder encoder = RowEncoder.of(options, columns);
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
