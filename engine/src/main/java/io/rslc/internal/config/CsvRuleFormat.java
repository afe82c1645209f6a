package io.rslc.internal.config;

import io.rslc.api.Problem;
import io.rslc.api.RuleSet;
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
     * the other rows are still returned.
     *
     * @param source name of the file, for messages
     */
    public static Parsed parse(String source, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = rows(text);
        if (rows.isEmpty() || rows.get(0).fields.stream().allMatch(String::isBlank)) {
            problems.add(new Problem(Problem.Severity.ERROR, source, "line 1", 1, "",
                    "the file is empty; expected a header row naming the fields ("
                            + String.join(",", RuleFields.ORIGINAL) + ")"));
            return new Parsed(List.of(), List.of(), problems);
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
        return new Parsed(header, records, problems);
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

    private record Row(int line, List<String> fields) {
    }

    /** RFC 4180 tokenizer; a quoted field may span lines; {@code line} is where the row starts. */
    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
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
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
                continue;
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                rows.add(new Row(rowLine, fields));
                fields = new ArrayList<>();
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, fields));
        }
        return rows;
    }
}
