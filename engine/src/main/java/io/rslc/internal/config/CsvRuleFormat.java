package io.rslc.internal.config;

import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.RuleSet;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's configuration CSV: a header row of field names, then one row per table. Reads what its loader
 * read (UTF-8 with or without BOM, LF or CRLF, RFC 4180 quoting, no trailing newline needed) and writes what it
 * wrote (BOM, LF, no trailing newline), so a file survives a load/export round trip byte for byte.
 */
public final class CsvRuleFormat {

    private static final char BOM = '\uFEFF';

    /** What reading a CSV gives: the rows as records, plus problems with the file's structure. */
    public record Parsed(List<String> header, List<RuleRecord> records, List<Problem> problems) {
    }

    private CsvRuleFormat() {
    }

    /**
     * Parses CSV text. Unknown header columns and rows with the wrong number of fields are reported as problems;
     * the other rows are still returned. A file with a header and no rows gives a warning ("no rules").
     *
     * @param source name of the file, for messages
     * @throws RslcException with {@code USAGE} if the content is not a CSV configuration at all: not UTF-8 text,
     *                       binary (a NUL byte), empty, or without a header row naming known fields
     */
    public static Parsed parse(String source, byte[] content) {
        String text = text(source, content);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = rows(text);
        String expected = "; the first line must be the header naming the fields (" + String.join(",",
                RuleFields.ORIGINAL) + ")";
        if (text.isBlank()) {
            throw usage(source + " is empty: no header" + expected);
        }
        if (rows.get(0).fields.stream().allMatch(String::isBlank)) {
            throw usage(source + " has no header: line 1 is blank" + expected);
        }
        if (rows.get(0).fields.stream().map(String::trim).noneMatch(RuleFields.KNOWN::contains)) {
            throw usage(source + " has no header: line 1 names none of the fields ('"
                    + Printable.shown(rows.get(0).fields.get(0)) + "', ...)" + expected);
        }
        List<String> header = rows.get(0).fields.stream().map(String::trim).toList();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (!RuleFields.KNOWN.contains(h)) {
                problems.add(new Problem(Problem.Severity.ERROR, source, "line 1", 1, h.isEmpty() ? "column " + (i + 1) : h,
                        "unknown column" + Suggestions.didYouMean(h, RuleFields.KNOWN)));
            } else if (header.indexOf(h) != i) {
                problems.add(new Problem(Problem.Severity.ERROR, source, "line 1", 1, h, "column appears twice"));
            }
        }
        for (String required : RuleFields.REQUIRED) {
            if (!header.contains(required)) {
                problems.add(new Problem(Problem.Severity.ERROR, source, "line 1", 1, required,
                        "required column is missing from the header"));
            }
        }
        List<RuleRecord> records = new ArrayList<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields.size() == 1 && row.fields.get(0).isBlank()) {
                continue; // blank line, e.g. a trailing newline
            }
            String location = "line " + row.line;
            if (row.openQuoteLine > 0) {
                int lastLine = row.line + (int) row.fields.stream()
                        .mapToLong(f -> f.chars().filter(ch -> ch == '\n').count()).sum();
                problems.add(new Problem(Problem.Severity.ERROR, source, location, row.line, "",
                        "unterminated quote starting at line " + row.openQuoteLine + " (field "
                                + row.fields.size() + "): everything after it" + (lastLine > row.openQuoteLine
                                ? ", to the end of the file at line " + lastLine + "," : "")
                                + " was read as one field; close the quote (a quote inside a field is written \"\")"));
                continue;
            }
            if (row.fields.size() != header.size()) {
                problems.add(new Problem(Problem.Severity.ERROR, source, location, row.line, "",
                        "has " + row.fields.size() + " fields; the header has " + header.size()));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (RuleFields.KNOWN.contains(header.get(i))) {
                    fields.putIfAbsent(header.get(i), row.fields.get(i));
                }
            }
            records.add(new RuleRecord(source, location, row.line, fields));
        }
        if (records.isEmpty() && problems.stream().noneMatch(Problem::isError)) {
            problems.add(new Problem(Problem.Severity.WARNING, source, "", 0, "",
                    "no rules: the file has a header and no rows, so there is nothing to do"));
        }
        return new Parsed(header, records, problems);
    }

    /** The content as text: strict UTF-8 and no NUL byte, else a usage error naming the line of the first bad byte. */
    private static String text(String source, byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                throw usage(source + " is not a text file: a NUL byte at line " + lineAt(content, i)
                        + "; a configuration is a CSV file in UTF-8");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw usage(source + " is not UTF-8 text: byte " + String.format("0x%02X", content[at] & 0xff)
                    + " at line " + lineAt(content, at) + " is not UTF-8; save the file as UTF-8 (\"CSV UTF-8\")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static int lineAt(byte[] content, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static RslcException usage(String message) {
        return new RslcException(RslcException.ErrorCode.USAGE, message);
    }

    /** Reads and validates in one step. */
    public static RuleSet read(String source, byte[] content) {
        Parsed parsed = parse(source, content);
        RuleSet validated = RuleValidator.validate(source, parsed.records());
        List<Problem> all = new ArrayList<>(parsed.problems());
        all.addAll(validated.problems());
        return new RuleSet(source, validated.rules(), all);
    }

    /** Writes records in the original's format: BOM, header in the original column order, LF, no final newline. */
    public static byte[] write(List<String> header, List<RuleRecord> records) {
        StringBuilder sb = new StringBuilder().append(BOM);
        appendRow(sb, header);
        for (RuleRecord r : records) {
            sb.append('\n');
            appendRow(sb, header.stream().map(r::get).toList());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendRow(StringBuilder sb, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
    }

    /**
     * A row as read: where it starts, its field values, and where each field lies in the text ({@code [start, end)},
     * quotes included), so one field can be rewritten without touching any other byte.
     */
    private record Row(int line, List<String> fields, List<int[]> spans, int openQuoteLine) {

        Row(int line, List<String> fields, List<int[]> spans) {
            this(line, fields, spans, 0);
        }
    }

    /**
     * {@code content} with one field of the row starting at {@code line} replaced by {@code value}, every other byte
     * as it was: a BOM stays or stays absent, line endings, quoting of the other fields and the final newline (or
     * its absence) are kept.
     *
     * @throws IllegalArgumentException if no row starts at {@code line} or it has no field {@code column}
     */
    public static byte[] replaceField(byte[] content, int line, int column, String value) {
        String text = new String(content, StandardCharsets.UTF_8);
        int offset = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        for (Row row : rows(text.substring(offset))) {
            if (row.line == line) {
                if (column >= row.spans.size()) {
                    break;
                }
                int[] span = row.spans.get(column);
                boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                        || value.indexOf('\r') >= 0;
                String field = quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
                String out = text.substring(0, offset + span[0]) + field + text.substring(offset + span[1]);
                return out.getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no field " + (column + 1) + " in a row at line " + line);
    }

    /** RFC 4180 tokenizer; a quoted field may span lines; {@code line} is where the row starts. */
    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int quoteLine = 0;
        int fieldStart = 0;
        int line = 1;
        int rowLine = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0) {
                quoted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                spans.add(new int[] {fieldStart, i});
                field.setLength(0);
                fieldStart = i + 1;
            } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
                continue;
            } else if (c == '\n') {
                int end = i > 0 && text.charAt(i - 1) == '\r' ? i - 1 : i;
                fields.add(field.toString());
                spans.add(new int[] {fieldStart, Math.max(fieldStart, end)});
                field.setLength(0);
                rows.add(new Row(rowLine, fields, spans));
                fields = new ArrayList<>();
                spans = new ArrayList<>();
                fieldStart = i + 1;
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (field.length() > 0 || !fields.isEmpty() || fieldStart < n) {
            fields.add(field.toString());
            spans.add(new int[] {fieldStart, n});
            rows.add(new Row(rowLine, fields, spans, quoted ? quoteLine : 0));
        }
        return rows;
    }
}
