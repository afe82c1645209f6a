package io.rslc.internal.restore;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.ManifestFile;
import io.rslc.internal.archive.format.CompressionStreams;
import io.rslc.internal.archive.format.DelimitedRecords;
import io.rslc.internal.archive.format.JsonLineReader;
import io.rslc.internal.archive.format.ValueText;
import io.rslc.spi.ArchiveStore;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the rows of one committed attempt folder back as text values (null for SQL NULL), file by file in the
 * manifest's order, spelled as the archive spells them ({@link ValueText}): TEXT and CSV record by record with the
 * rule's quoting and escaping, every compression; JSON lines line by line; Parquet with its logical types (dates, timestamps with and without zone,
 * decimals) turned back into SQL text. A Parquet file from S3 is copied to a temporary file first (footers are
 * at the end).
 */
public final class ArchivedRows {

    private ArchivedRows() {
    }

    /** Calls {@code row} with each row's values in the files' column order. */
    public static void read(ArchiveStore store, ManifestFile manifest, UnloadOptions options, Consumer<String[]> row) {
        String base = store.uri("");
        String prefix = base.endsWith("/") ? base : base + "/";
        for (ManifestFile.Entry e : manifest.entries()) {
            if (e.url() == null || !e.url().startsWith(prefix)) {
                throw new RslcException(ErrorCode.ARCHIVE, "the manifest lists " + e.url() + ", outside " + prefix);
            }
            String key = e.url().substring(prefix.length());
            if (options.format() == FileFormat.PARQUET || key.endsWith(".parquet")) {
                parquet(store, key, row);
            } else if (options.format() == FileFormat.JSON) {
                jsonLines(store, key, options, row);
            } else {
                delimited(store, key, options, row);
            }
        }
    }

    /** A TEXT or CSV file record by record (memory bounded by the longest record), header skipped. */
    private static void delimited(ArchiveStore store, String key, UnloadOptions options, Consumer<String[]> row) {
        try (InputStream raw = store.open(key);
             InputStream in = CompressionStreams.decompress(options.compression(), raw);
             java.io.Reader reader = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                     java.nio.charset.StandardCharsets.UTF_8), 1 << 16)) {
            DelimitedRecords records = new DelimitedRecords(reader, options);
            boolean header = options.header();
            for (List<String> r = records.next(); r != null; r = records.next()) {
                if (header) {
                    header = false;
                    continue;
                }
                row.accept(r.toArray(new String[0]));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot read " + store.uri(key) + ": " + e.getMessage(), e);
        }
    }

    /** A JSON lines file line by line, values in the keys' order (the files' column order). */
    private static void jsonLines(ArchiveStore store, String key, UnloadOptions options, Consumer<String[]> row) {
        try (InputStream raw = store.open(key);
             InputStream in = CompressionStreams.decompress(options.compression(), raw);
             java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                     java.nio.charset.StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    row.accept(JsonLineReader.values(line).toArray(new String[0]));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot read " + store.uri(key) + ": " + e.getMessage(), e);
        }
    }

    private static void parquet(ArchiveStore store, String key, Consumer<String[]> row) {
        String uri = store.uri(key);
        Path local = uri.startsWith("/") ? Path.of(uri) : null;
        Path temp = null;
        try {
            if (local == null || !Files.isRegularFile(local)) {
                temp = Files.createTempFile("rslc-restore-", ".parquet");
                try (InputStream in = store.open(key)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                local = temp;
            }
            MessageType schema = ParquetReader.readMetadata(local.toFile()).getFileMetaData().getSchema();
            List<Type> fields = schema.getFields();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                index.put(fields.get(i).getName(), i);
            }
            Hydrator<String[], String[], String[]> hydrator = new Hydrator<>() {
                @Override
                public String[] start() {
                    return new String[fields.size()];
                }

                @Override
                public String[] add(String[] target, String[] heading, Object value) {
                    int i = index.get(heading[0]);
                    target[i] = value == null ? null : text(fields.get(i).asPrimitiveType(), value);
                    return target;
                }

                @Override
                public String[] finish(String[] target) {
                    return target;
                }
            };
            try (Stream<String[]> rows = ParquetReader.streamContent(local.toFile(), hydrator)) {
                rows.forEach(row);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RslcException r) {
                throw r;
            }
            throw new RslcException(ErrorCode.ARCHIVE, "cannot read " + uri + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** The SQL text of a Parquet value as parquet-floor reads it (raw ints and longs; binaries stringified). */
    static String text(PrimitiveType type, Object value) {
        LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation && value instanceof Integer days) {
            return ValueText.text(LocalDate.ofEpochDay(days));
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts && value instanceof Long v) {
            Instant at = switch (ts.getUnit()) {
                case MILLIS -> Instant.ofEpochMilli(v);
                case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
                case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
            };
            return ts.isAdjustedToUTC() ? ValueText.text(at.atOffset(ZoneOffset.UTC))
                    : ValueText.text(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                && (value instanceof Integer || value instanceof Long)) {
            return new BigDecimal(BigInteger.valueOf(((Number) value).longValue()), d.getScale()).toPlainString();
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation && value instanceof String s) {
            return new BigDecimal(s).toPlainString();
        }
        return ValueText.text(value);
    }
}
