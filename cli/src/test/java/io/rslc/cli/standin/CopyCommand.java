package io.rslc.cli.standin;

import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed Redshift {@code COPY ... FROM 's3://.../manifest' ... MANIFEST} (or, without MANIFEST, {@code FROM} a
 * key prefix: every object under it), as far as {@code rslc restore}
 * renders it (the grammar of r_COPY.html): table and columns, the manifest literal (still escaped), and the
 * format options as the {@link UnloadOptions} that wrote the files. Test-only; unknown options are rejected.
 */
record CopyCommand(String table, List<String> columns, String manifestLiteral, boolean manifested,
                   UnloadOptions options) {

    static boolean matches(String sql) {
        return sql.stripLeading().regionMatches(true, 0, "COPY ", 0, 5);
    }

    static CopyCommand parse(String sql) {
        List<String> t = UnloadCommand.tokens(sql);
        int i = 0;
        UnloadCommand.expect(t, i++, "COPY");
        StringBuilder table = new StringBuilder(t.get(i++));
        while (t.get(i).equals(".")) {
            table.append(t.get(i++)).append(t.get(i++));
        }
        List<String> columns = new ArrayList<>();
        if (t.get(i).equals("(")) {
            i++;
            while (!t.get(i).equals(")")) {
                if (!t.get(i).equals(",")) {
                    columns.add(t.get(i));
                }
                i++;
            }
            i++;
        }
        UnloadCommand.expect(t, i++, "FROM");
        String manifest = UnloadCommand.literal(t, i++);
        UnloadCommand.expect(t, i++, "IAM_ROLE");
        i++;
        boolean manifested = i < t.size() && t.get(i).equalsIgnoreCase("MANIFEST");
        if (manifested) {
            i++;
        }
        UnloadOptions.Builder o = UnloadOptions.builder().format(FileFormat.TEXT);
        while (i < t.size()) {
            String w = t.get(i++).toUpperCase(Locale.ROOT);
            switch (w) {
                case "FORMAT" -> {
                    String f = t.get(i).equalsIgnoreCase("AS") ? t.get(++i) : t.get(i);
                    i++;
                    o.format(FileFormat.valueOf(f.toUpperCase(Locale.ROOT)));
                    if (f.equalsIgnoreCase("JSON")) {
                        // JSON 'auto': keys matched to column names, as rslc's JSON lines are keyed
                        if (!UnloadCommand.literal(t, i++).equals("auto")) {
                            throw new IllegalArgumentException("the stand-in reads FORMAT AS JSON 'auto' only");
                        }
                    }
                }
                case "IGNOREHEADER" -> {
                    if (!t.get(i++).equals("1")) {
                        throw new IllegalArgumentException("IGNOREHEADER other than 1");
                    }
                    o.header(true);
                }
                case "DELIMITER" -> {
                    if (t.get(i).equalsIgnoreCase("AS")) {
                        i++;
                    }
                    o.delimiter(UnloadCommand.literal(t, i++));
                }
                case "REMOVEQUOTES" -> o.addQuotes(true);
                case "NULL" -> {
                    UnloadCommand.expect(t, i++, "AS");
                    o.nullAs(UnloadCommand.literal(t, i++));
                }
                case "ESCAPE" -> o.escape(true);
                case "GZIP", "ZSTD", "BZIP2" -> o.compression(Compression.valueOf(w));
                case "REGION" -> {
                    if (t.get(i).equalsIgnoreCase("AS")) {
                        i++;
                    }
                    UnloadCommand.literal(t, i++);
                }
                default -> throw new IllegalArgumentException("COPY option the stand-in does not know: " + w);
            }
        }
        return new CopyCommand(table.toString(), columns, manifest, manifested, o.build());
    }
}
