package io.rslc.internal.archive;

import io.rslc.internal.archive.format.Column;
import io.rslc.spi.ArchiveStore;
import java.util.List;

/**
 * The {@code manifest} of an attempt folder in the shape of Redshift's {@code MANIFEST VERBOSE}: the data files
 * with sizes and row counts, the column types, totals, and the author. Written last; its presence marks a
 * complete write. Hand-written JSON, to keep JSON libraries out of the engine.
 */
final class Manifest {

    /** File name of the manifest inside the attempt folder. */
    static final String NAME = "manifest";

    private Manifest() {
    }

    static String json(List<ArchivedFile> files, List<Column> columns, ArchiveStore store) {
        StringBuilder sb = new StringBuilder(256 + 128 * files.size() + 64 * columns.size());
        sb.append("{\n  \"entries\": [");
        long bytes = 0;
        long rows = 0;
        for (int i = 0; i < files.size(); i++) {
            ArchivedFile f = files.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"url\": ");
            string(store.uri(f.key()), sb);
            sb.append(", \"meta\": {\"content_length\": ").append(f.bytes())
                    .append(", \"record_count\": ").append(f.rows()).append("}}");
            bytes += f.bytes();
            rows += f.rows();
        }
        sb.append(files.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"schema\": {\n    \"elements\": [");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("      {\"name\": ");
            string(c.name(), sb);
            sb.append(", \"type\": {\"base\": ");
            string(c.type().sqlName(), sb);
            if (c.boundedDecimal()) {
                sb.append(", \"precision\": ").append(c.precision()).append(", \"scale\": ").append(c.scale());
            }
            sb.append("}}");
        }
        sb.append(columns.isEmpty() ? "]\n" : "\n    ]\n");
        sb.append("  },\n  \"meta\": {\"content_length\": ").append(bytes).append(", \"record_count\": ").append(rows)
                .append("},\n  \"author\": {\"name\": \"rslc\", \"version\": \"1\"}\n}\n");
        return sb.toString();
    }

    /** A JSON string literal. */
    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
