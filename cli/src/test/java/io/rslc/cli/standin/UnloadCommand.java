package io.rslc.cli.standin;

import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.MaxFileSize;
import io.rslc.api.UnloadOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed Redshift UNLOAD, as far as rslc renders it (the grammar of r_UNLOAD.html): the query and TO literals
 * still escaped (PostgreSQL unescapes them, see {@link StandInConnection}), the options as {@link UnloadOptions},
 * and for a batch the two columns it is partitioned by without INCLUDE ({@code partitionFolders}, else empty).
 * Test-only. Unknown options are rejected, so a rendering change that Redshift would not accept fails loudly.
 */
record UnloadCommand(String queryLiteral, String toLiteral, boolean cleanPath, boolean allowOverwrite,
                     boolean manifest, UnloadOptions options, List<String> partitionFolders) {

    static boolean matches(String sql) {
        return sql.stripLeading().regionMatches(true, 0, "UNLOAD", 0, 6);
    }

    static UnloadCommand parse(String sql) {
        List<String> t = tokens(sql);
        int i = 0;
        expect(t, i++, "UNLOAD");
        expect(t, i++, "(");
        String query = literal(t, i++);
        expect(t, i++, ")");
        expect(t, i++, "TO");
        String to = literal(t, i++);
        expect(t, i++, "IAM_ROLE");
        i++; // 'arn...' or default
        UnloadOptions.Builder o = UnloadOptions.builder();
        boolean cleanPath = false;
        boolean allowOverwrite = false;
        boolean manifest = false;
        List<String> partitionFolders = List.of();
        boolean encrypted = false;
        boolean encryptedAuto = false;
        String kmsKeyId = null;
        boolean rowGroupSize = false;
        while (i < t.size()) {
            String w = t.get(i++).toUpperCase(Locale.ROOT);
            switch (w) {
                case "FORMAT" -> {
                    String f = t.get(i).equalsIgnoreCase("AS") ? t.get(++i) : t.get(i);
                    i++;
                    o.format(FileFormat.valueOf(f.toUpperCase(Locale.ROOT)));
                }
                case "PARTITION" -> {
                    expect(t, i++, "BY");
                    expect(t, i++, "(");
                    List<String> columns = new ArrayList<>();
                    while (!t.get(i).equals(")")) {
                        columns.add(identifier(t.get(i++)));
                    }
                    i++;
                    boolean include = i < t.size() && t.get(i).equalsIgnoreCase("INCLUDE");
                    if (include) {
                        i++;
                    }
                    if (columns.size() == 1 && include) {
                        o.partitionColumn(columns.get(0));
                    } else if (columns.size() == 2 && !include) {
                        partitionFolders = List.copyOf(columns); // a batch: slice and generation folders
                    } else {
                        throw new IllegalArgumentException("the stand-in knows PARTITION BY (col) INCLUDE and "
                                + "PARTITION BY (slice, generation) as rslc renders them, not " + columns
                                + (include ? " INCLUDE" : ""));
                    }
                }
                case "HEADER" -> o.header(true);
                case "DELIMITER" -> {
                    if (t.get(i).equalsIgnoreCase("AS")) {
                        i++;
                    }
                    o.delimiter(rawLiteral(t.get(i++)));
                }
                case "ADDQUOTES" -> o.addQuotes(true);
                case "NULL" -> {
                    if (t.get(i).equalsIgnoreCase("AS")) {
                        i++;
                    }
                    o.nullAs(rawLiteral(t.get(i++)));
                }
                case "ESCAPE" -> o.escape(true);
                case "GZIP", "ZSTD", "BZIP2" -> o.compression(Compression.valueOf(w));
                case "MANIFEST" -> {
                    manifest = true;
                    if (i < t.size() && t.get(i).equalsIgnoreCase("VERBOSE")) {
                        i++;
                    }
                }
                case "CLEANPATH" -> cleanPath = true;
                case "ALLOWOVERWRITE" -> allowOverwrite = true;
                case "MAXFILESIZE" -> {
                    if (t.get(i).equalsIgnoreCase("AS")) {
                        i++;
                    }
                    BigDecimal n = new BigDecimal(t.get(i++));
                    MaxFileSize.Unit unit = MaxFileSize.Unit.MB;
                    if (i < t.size() && (t.get(i).equalsIgnoreCase("MB") || t.get(i).equalsIgnoreCase("GB"))) {
                        unit = MaxFileSize.Unit.valueOf(t.get(i++).toUpperCase(Locale.ROOT));
                    }
                    o.maxFileSize(new MaxFileSize(n, unit));
                }
                case "PARALLEL" -> o.parallel(!(t.get(i++).equalsIgnoreCase("OFF") || t.get(i - 1).equalsIgnoreCase("FALSE")));
                case "REGION" -> {
                    if (t.get(i).equalsIgnoreCase("AS")) {
                        i++;
                    }
                    o.region(rawLiteral(t.get(i++)));
                }
                case "ENCRYPTED" -> {
                    encrypted = true;
                    if (i < t.size() && t.get(i).equalsIgnoreCase("AUTO")) {
                        encryptedAuto = true;
                        i++;
                    }
                }
                case "KMS_KEY_ID" -> kmsKeyId = rawLiteral(t.get(i++));
                case "EXTENSION" -> o.extension(rawLiteral(t.get(i++)));
                case "ROWGROUPSIZE" -> {
                    if (t.get(i).equalsIgnoreCase("AS")) {
                        i++;
                    }
                    int mb = Integer.parseInt(t.get(i++));
                    if (i < t.size() && t.get(i).equalsIgnoreCase("GB")) {
                        mb *= 1024;
                        i++;
                    } else if (i < t.size() && t.get(i).equalsIgnoreCase("MB")) {
                        i++;
                    }
                    if (mb < 32 || mb > 128) {
                        throw new IllegalArgumentException("ROWGROUPSIZE must be between 32 MB and 128 MB");
                    }
                    o.rowGroupSizeMb(mb);
                    rowGroupSize = true;
                }
                default -> throw new IllegalArgumentException("syntax error at or near \"" + w + "\" in UNLOAD");
            }
        }
        if (cleanPath && allowOverwrite) {
            throw new IllegalArgumentException("CLEANPATH and ALLOWOVERWRITE cannot be used together");
        }
        // Redshift's documented exclusions among the options rslc added (r_UNLOAD.html)
        if (kmsKeyId != null && !encrypted) {
            throw new IllegalArgumentException("KMS_KEY_ID requires ENCRYPTED");
        }
        if (kmsKeyId != null && encryptedAuto) {
            throw new IllegalArgumentException("ENCRYPTED AUTO cannot be used with KMS_KEY_ID");
        }
        if (encrypted && !encryptedAuto && kmsKeyId == null) {
            throw new IllegalArgumentException("ENCRYPTED without KMS_KEY_ID is client-side encryption"
                    + " (MASTER_SYMMETRIC_KEY), which the stand-in does not emulate");
        }
        if (encryptedAuto) {
            o.encryptedAuto();
        } else {
            o.kmsKeyId(kmsKeyId);
        }
        UnloadOptions options = o.build();
        if (rowGroupSize && options.format() != FileFormat.PARQUET) {
            throw new IllegalArgumentException("ROWGROUPSIZE is only for FORMAT PARQUET");
        }
        if (options.format() == FileFormat.JSON && (options.header() || options.delimiter() != null
                || options.addQuotes() || options.nullAs() != null || options.escape())) {
            throw new IllegalArgumentException("FORMAT JSON cannot be used with DELIMITER, HEADER, FIXEDWIDTH,"
                    + " ADDQUOTES, ESCAPE or NULL AS");
        }
        return new UnloadCommand(query, to, cleanPath, allowOverwrite, manifest, options, partitionFolders);
    }

    static void expect(List<String> t, int i, String word) {
        if (i >= t.size() || !t.get(i).equalsIgnoreCase(word)) {
            throw new IllegalArgumentException("UNLOAD: expected " + word + " at token " + i + ", got "
                    + (i < t.size() ? t.get(i) : "end"));
        }
    }

    static String literal(List<String> t, int i) {
        String s = t.get(i);
        if (!s.startsWith("'")) {
            throw new IllegalArgumentException("UNLOAD: expected a string literal, got " + s);
        }
        return s.substring(1, s.length() - 1);
    }

    /** A literal without backslashes or quotes inside, as rslc renders option values in tests. */
    private static String rawLiteral(String token) {
        String body = token.substring(1, token.length() - 1);
        return body.replace("''", "'").replace("\\\\", "\\");
    }

    private static String identifier(String token) {
        return token.startsWith("\"") ? token.substring(1, token.length() - 1).replace("\"\"", "\"") : token;
    }

    /** Words, parentheses, 'literals' (with '' and backslash escapes kept raw) and "identifiers". */
    static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    char d = sql.charAt(j);
                    if (d == '\\') {
                        j += 2;
                    } else if (d == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
                        j += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        j++;
                    }
                }
                out.add(sql.substring(i, j + 1));
                i = j + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (!(sql.charAt(j) == '"' && (j + 1 >= sql.length() || sql.charAt(j + 1) != '"'))) {
                    j += sql.charAt(j) == '"' ? 2 : 1;
                }
                out.add(sql.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < sql.length() && !Character.isWhitespace(sql.charAt(j)) && "(),'\"".indexOf(sql.charAt(j)) < 0) {
                    j++;
                }
                out.add(sql.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
