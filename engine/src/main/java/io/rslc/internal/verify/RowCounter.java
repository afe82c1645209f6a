package io.rslc.internal.verify;

import blue.strategic.parquet.ParquetReader;
import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.format.CompressionStreams;
import io.rslc.spi.ArchiveStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * Counts the rows of one archive data file the way a reader would see them: a Parquet file by its footer (row
 * groups' counts; a truncated file has no footer and fails), a TEXT or CSV file by parsing its records with the
 * rule's quoting and escaping (a newline inside a quoted or escaped field is not a new row), a JSON lines file by
 * its non-blank lines, decompressed first,
 * header line not counted. Streams: memory does not grow with the file.
 */
public final class RowCounter {

    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private RowCounter() {
    }

    /**
     * The rows in the file at {@code key}.
     *
     * @throws IOException if the file cannot be read or is not a complete file of its format
     */
    public static long count(ArchiveStore store, String key, UnloadOptions options) throws IOException {
        if (options.format() == FileFormat.PARQUET || key.endsWith(".parquet")) {
            return parquetRows(store, key);
        }
        try (InputStream raw = store.open(key);
             InputStream in = CompressionStreams.decompress(options.compression(), raw);
             Reader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            long records = switch (options.format()) {
                case CSV -> csvRecords(r, delimiter(options, ','));
                case JSON -> jsonLines(r);
                default -> textRecords(r, delimiter(options, '|'), options.addQuotes(), options.escape());
            };
            return options.header() ? Math.max(0, records - 1) : records;
        }
    }

    private static char delimiter(UnloadOptions o, char fallback) {
        return o.delimiter() == null || o.delimiter().isEmpty() ? fallback : o.delimiter().charAt(0);
    }

    private static long parquetRows(ArchiveStore store, String key) throws IOException {
        String uri = store.uri(key);
        Path local = uri.startsWith("/") ? Path.of(uri) : null;
        Path temp = null;
        try {
            if (local == null || !Files.isRegularFile(local)) {
                temp = Files.createTempFile("rslc-verify-", ".parquet");
                try (InputStream in = store.open(key)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                local = temp;
            }
            File f = local.toFile();
            if (f.length() < 12 || !hasMagic(local)) {
                throw new IOException("not a complete Parquet file (no PAR1 footer): " + uri);
            }
            long rows = 0;
            for (BlockMetaData b : ParquetReader.readMetadata(f).getBlocks()) {
                rows += b.getRowCount();
            }
            return rows;
        } catch (RuntimeException e) {
            throw new IOException("cannot read the Parquet footer of " + uri + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static boolean hasMagic(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(4);
            ch.read(head, 0);
            ch.read(tail, ch.size() - 4);
            return java.util.Arrays.equals(head.array(), PARQUET_MAGIC)
                    && java.util.Arrays.equals(tail.array(), PARQUET_MAGIC);
        }
    }

    /**
     * JSON lines: one object per line (a newline inside a value is always escaped as {@code \n}); a blank line is
     * not a row, a last line without a newline is.
     */
    static long jsonLines(Reader r) throws IOException {
        long lines = 0;
        boolean content = false;
        for (int c = r.read(); c >= 0; c = r.read()) {
            if (c == '\n') {
                if (content) {
                    lines++;
                }
                content = false;
            } else if (!Character.isWhitespace(c)) {
                content = true;
            }
        }
        return content ? lines + 1 : lines;
    }

    /** CSV records: a newline ends a record unless inside double quotes ({@code ""} is a quote inside them). */
    static long csvRecords(Reader r, char delimiter) throws IOException {
        long records = 0;
        boolean inRecord = false;
        boolean fieldStart = true;
        boolean quoted = false;
        boolean justClosed = false;
        for (int c = r.read(); c >= 0; c = r.read()) {
            inRecord = true;
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                    justClosed = true;
                }
                continue;
            }
            if (justClosed && c == '"') {
                quoted = true; // "" inside a quoted field
                justClosed = false;
                continue;
            }
            justClosed = false;
            if (fieldStart && c == '"') {
                quoted = true;
                fieldStart = false;
                continue;
            }
            if (c == '\n') {
                records++;
                inRecord = false;
                fieldStart = true;
                continue;
            }
            fieldStart = c == delimiter;
        }
        if (quoted) {
            throw new IOException("the last record has an unterminated quoted field");
        }
        return inRecord ? records + 1 : records;
    }

    /**
     * TEXT records as Redshift's unload writes them: with ESCAPE a backslash escapes the next character (an
     * escaped newline is data); with ADDQUOTES a field that opens with a quote ends at a quote followed by the
     * delimiter, a newline or the end.
     */
    static long textRecords(Reader r, char delimiter, boolean addQuotes, boolean escape) throws IOException {
        long records = 0;
        boolean inRecord = false;
        boolean fieldStart = true;
        boolean quoted = false;
        boolean quoteSeen = false; // inside a quoted field: the previous character was a quote
        for (int c = r.read(); c >= 0; c = r.read()) {
            inRecord = true;
            if (quoted) {
                if (quoteSeen && (c == delimiter || c == '\n')) {
                    quoted = false;
                    quoteSeen = false;
                    // fall through: the delimiter or newline is read as outside the field
                } else {
                    quoteSeen = false;
                    if (escape && c == '\\') {
                        r.read();
                    } else if (c == '"') {
                        quoteSeen = true;
                    }
                    continue;
                }
            }
            if (fieldStart && addQuotes && c == '"') {
                quoted = true;
                fieldStart = false;
                continue;
            }
            if (escape && c == '\\') {
                r.read();
                fieldStart = false;
                continue;
            }
            if (c == '\n') {
                records++;
                inRecord = false;
                fieldStart = true;
                continue;
            }
            fieldStart = c == delimiter;
        }
        if (quoted && !quoteSeen) {
            throw new IOException("the last record has an unterminated quoted field");
        }
        return inRecord ? records + 1 : records;
    }
}
