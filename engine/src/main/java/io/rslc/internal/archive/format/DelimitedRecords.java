package io.rslc.internal.archive.format;

import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Splits a TEXT or CSV stream into records without holding the file: a line feed ends a record unless it lies in
 * a quoted field or follows an escaping backslash, the same rules {@link DelimitedParser} applies, which then
 * parses each record alone. Memory is bounded by the longest record, not the file.
 */
public final class DelimitedRecords {

    private final Reader in;
    private final boolean csv;
    private final char delimiter;
    private final boolean addQuotes;
    private final boolean escape;
    private final DelimitedParser parser;
    private final StringBuilder record = new StringBuilder(256);

    public DelimitedRecords(Reader in, UnloadOptions options) {
        this.in = in;
        this.csv = options.format() == FileFormat.CSV;
        this.delimiter = options.delimiter() == null || options.delimiter().isEmpty() ? (csv ? ',' : '|')
                : options.delimiter().charAt(0);
        this.addQuotes = !csv && options.addQuotes();
        this.escape = !csv && options.escape();
        this.parser = new DelimitedParser(options);
    }

    /** The next record's fields (null for NULL), or null at the end of the stream. */
    public List<String> next() throws IOException {
        String text = nextText();
        if (text == null) {
            return null;
        }
        List<List<String>> rows = parser.parse(text + "\n");
        return rows.isEmpty() ? List.of("") : rows.get(0);
    }

    /** The next record's raw text without its line feed, or null at the end. */
    private String nextText() throws IOException {
        record.setLength(0);
        boolean any = false;
        boolean fieldStart = true;
        boolean quoted = false;
        boolean quoteSeen = false; // quoted TEXT: the previous character was a quote
        boolean justClosed = false; // quoted CSV: a quote just closed the field
        for (int c = in.read(); c >= 0; c = in.read()) {
            any = true;
            if (csv) {
                if (quoted) {
                    if (c == '"') {
                        quoted = false;
                        justClosed = true;
                    }
                    record.append((char) c);
                    continue;
                }
                if (justClosed && c == '"') {
                    quoted = true;
                    justClosed = false;
                    record.append('"');
                    continue;
                }
                justClosed = false;
                if (fieldStart && c == '"') {
                    quoted = true;
                    fieldStart = false;
                    record.append('"');
                    continue;
                }
            } else {
                if (quoted) {
                    if (quoteSeen && (c == delimiter || c == '\n')) {
                        quoted = false;
                        quoteSeen = false;
                    } else {
                        quoteSeen = false;
                        record.append((char) c);
                        if (escape && c == '\\') {
                            int n = in.read();
                            if (n >= 0) {
                                record.append((char) n);
                            }
                        } else if (c == '"') {
                            quoteSeen = true;
                        }
                        continue;
                    }
                }
                if (fieldStart && addQuotes && c == '"') {
                    quoted = true;
                    fieldStart = false;
                    record.append('"');
                    continue;
                }
                if (escape && c == '\\') {
                    record.append('\\');
                    int n = in.read();
                    if (n >= 0) {
                        record.append((char) n);
                    }
                    fieldStart = false;
                    continue;
                }
            }
            if (c == '\n') {
                return record.toString();
            }
            record.append((char) c);
            fieldStart = c == delimiter;
        }
        if (quoted && !(quoteSeen && !csv)) {
            throw new IOException("the last record has an unterminated quoted field");
        }
        return any ? record.toString() : null;
    }
}
