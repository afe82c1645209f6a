package io.rslc.internal.archive;

import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.format.CompressionStreams;
import io.rslc.internal.archive.format.DelimitedParser;
import io.rslc.internal.archive.format.JsonLineReader;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TEXT and CSV archive files back into rows of strings, so tests and {@code rslc demo} can show what was
 * archived. Each file is decompressed and held in memory whole: meant for small archives, not for restores.
 * Parquet files are not read here (use any Parquet reader).
 */
public final class ArchiveReader {

    private ArchiveReader() {
    }

    /** The data files (everything but the manifest) under an attempt folder, in key order. */
    public static List<String> dataFiles(ArchiveStore store, String attemptFolder) {
        return store.list(attemptFolder).stream().map(StoredFile::key)
                .filter(k -> !k.equals(attemptFolder + Manifest.NAME)).toList();
    }

    /**
     * The rows of every data file under an attempt folder, file by file in key order, header lines skipped.
     * A NULL field is {@code null}.
     */
    public static List<List<String>> readRows(ArchiveStore store, String attemptFolder, UnloadOptions options) {
        List<List<String>> rows = new ArrayList<>();
        for (String key : dataFiles(store, attemptFolder)) {
            rows.addAll(readFile(store, key, options));
        }
        return rows;
    }

    /** The rows of one TEXT, CSV or JSON lines data file written with {@code options}, header line skipped. */
    public static List<List<String>> readFile(ArchiveStore store, String key, UnloadOptions options) {
        if (options.format() == FileFormat.PARQUET) {
            throw new IllegalArgumentException("ArchiveReader reads TEXT and CSV files, not Parquet: " + key);
        }
        String content;
        try (InputStream in = CompressionStreams.decompress(options.compression(), store.open(key))) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot read " + store.uri(key) + ": " + e.getMessage(), e);
        }
        List<List<String>> rows;
        try {
            if (options.format() == FileFormat.JSON) {
                return content.lines().filter(l -> !l.isBlank()).map(JsonLineReader::values).toList();
            }
            rows = new DelimitedParser(options).parse(content);
        } catch (IllegalArgumentException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot parse " + store.uri(key) + ": " + e.getMessage(), e);
        }
        return options.header() && !rows.isEmpty() ? rows.subList(1, rows.size()) : rows;
    }

    /** The total {@code record_count} of a manifest (its top-level {@code meta} block), 0 if it gives none. */
    public static long manifestRecordCount(ArchiveStore store, String manifestKey) {
        return Math.max(0, ManifestFile.read(store, manifestKey).recordCount());
    }
}
