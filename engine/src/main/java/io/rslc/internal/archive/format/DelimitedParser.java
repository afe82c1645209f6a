package io.rslc.internal.archive.format;

import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses what {@link TextRowEncoder} and {@link CsvRowEncoder} write, for {@code ArchiveReader}. A field is NULL
 * when it is unquoted and its raw text equals the NULL AS text (empty by default).
 */
public final class DelimitedParser {

    private final boolean csv;
    private final char delimiter;
    private final boolean addQuotes;
    private final boolean escape;
    private final String nullAs;
    private String s;
    private int i;

    public DelimitedParser(UnloadOptions options) {
        this.csv = options.format() == FileFormat.CSV;
        this.delimiter = options.delimiter() == null ? (csv ? ',' : '|') : options.delimiter().charAt(0);
        this.addQuotes = !csv && options.addQuotes();
        this.escape = !csv && options.escape();
        this.nullAs = options.nullAs() == null ? "" : options.nullAs();
    }

    /** The records of a whole file, header line included. */
    public List<List<String>> parse(String content) {
        s = content;
        i = 0;
        List<List<String>> rows = new ArrayList<>();
        while (i < s.length()) {
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(csv ? csvField() : textField());
                if (i < s.length() && s.charAt(i) == delimiter) {
                    i++;
                    continue;
                }
                if (i < s.length() && s.charAt(i) == '\n') {
                    i++;
                } else if (i < s.length()) {
                    throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' after a quoted field at "
                            + "character " + i);
                }
                break;
            }
            rows.add(fields);
        }
        return rows;
    }

    private String textField() {
        StringBuilder sb = new StringBuilder();
        if (addQuotes && i < s.length() && s.charAt(i) == '"') {
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated quoted field");
                }
                char c = s.charAt(i);
                if (escape && c == '\\' && i + 1 < s.length()) {
                    sb.append(s.charAt(i + 1));
                    i += 2;
                } else if (c == '"' && (i + 1 == s.length() || s.charAt(i + 1) == delimiter
                        || s.charAt(i + 1) == '\n')) {
                    i++;
                    return sb.toString();
                } else {
                    sb.append(c);
                    i++;
                }
            }
        }
        int start = i;
        while (i < s.length() && s.charAt(i) != delimiter && s.charAt(i) != '\n') {
            if (escape && s.charAt(i) == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(i + 1));
                i += 2;
            } else {
                sb.append(s.charAt(i++));
            }
        }
        return s.substring(start, i).equals(nullAs) ? null : sb.toString();
    }

    private String csvField() {
        if (i < s.length() && s.charAt(i) == '"') {
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated quoted field");
                }
                char c = s.charAt(i++);
                if (c != '"') {
                    sb.append(c);
                } else if (i < s.length() && s.charAt(i) == '"') {
                    sb.append('"');
                    i++;
                } else {
                    return sb.toString();
                }
            }
        }
        int start = i;
        while (i < s.length() && s.charAt(i) != delimiter && s.charAt(i) != '\n') {
            i++;
        }
        String raw = s.substring(start, i);
        return raw.equals(nullAs) ? null : raw;
    }
}
