package io.rslc.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Athena DDL (Hive's DDL, which Athena runs against the Glue Data Catalog, where Spectrum then finds the
 * table) equivalent to what {@code rslc catalog} registers: {@code CREATE EXTERNAL TABLE IF NOT EXISTS} with the
 * SerDe, formats and properties spelled out, then {@code ALTER TABLE ... ADD IF NOT EXISTS PARTITION ...
 * LOCATION ...}, {@value #PARTITIONS_PER_STATEMENT} partitions per statement (Athena caps a statement at 256 KB).
 * Identifiers are quoted with backticks (doubled inside); string literals are Hive's: single-quoted, with
 * {@code \} escapes for backslash, quote and control characters.
 */
public final class CatalogDdl {

    /** Partitions per {@code ALTER TABLE ... ADD} statement. */
    static final int PARTITIONS_PER_STATEMENT = 100;

    private CatalogDdl() {
    }

    /** Every statement, each ending with {@code ;} and a line feed. */
    public static String render(CatalogTable table, List<CatalogPartition> partitions) {
        StringBuilder sb = new StringBuilder(createTable(table));
        addPartitions(table, partitions).forEach(sb::append);
        return sb.toString();
    }

    static String createTable(CatalogTable t) {
        StringBuilder sb = new StringBuilder("CREATE EXTERNAL TABLE IF NOT EXISTS ")
                .append(identifier(t.database())).append('.').append(identifier(t.name())).append(" (\n");
        columns(t.columns(), sb);
        sb.append(")\nPARTITIONED BY (\n");
        columns(t.partitionKeys(), sb);
        StorageFormat s = t.storage();
        sb.append(")\nROW FORMAT SERDE ").append(literal(s.serializationLibrary())).append('\n');
        if (!s.serdeParameters().isEmpty()) {
            sb.append("WITH SERDEPROPERTIES (\n");
            properties(s.serdeParameters(), sb);
            sb.append(")\n");
        }
        sb.append("STORED AS INPUTFORMAT ").append(literal(s.inputFormat())).append('\n')
                .append("OUTPUTFORMAT ").append(literal(s.outputFormat())).append('\n')
                .append("LOCATION ").append(literal(t.location())).append('\n')
                .append("TBLPROPERTIES (\n");
        properties(t.parameters(), sb);
        return sb.append(");\n").toString();
    }

    static List<String> addPartitions(CatalogTable t, List<CatalogPartition> partitions) {
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < partitions.size(); from += PARTITIONS_PER_STATEMENT) {
            StringBuilder sb = new StringBuilder("ALTER TABLE ").append(identifier(t.database())).append('.')
                    .append(identifier(t.name())).append(" ADD IF NOT EXISTS");
            for (CatalogPartition p : partitions.subList(from, Math.min(partitions.size(),
                    from + PARTITIONS_PER_STATEMENT))) {
                sb.append("\n  PARTITION (");
                for (int i = 0; i < t.partitionKeys().size(); i++) {
                    CatalogColumn key = t.partitionKeys().get(i);
                    String value = p.values().get(i);
                    sb.append(i == 0 ? "" : ", ").append(identifier(key.name())).append('=')
                            .append(key.type().equals("int") && value.matches("\\d+") ? value : literal(value));
                }
                sb.append(") LOCATION ").append(literal(p.location()));
            }
            statements.add(sb.append(";\n").toString());
        }
        return statements;
    }

    private static void columns(List<CatalogColumn> columns, StringBuilder sb) {
        for (int i = 0; i < columns.size(); i++) {
            CatalogColumn c = columns.get(i);
            sb.append("  ").append(identifier(c.name())).append(' ').append(c.type())
                    .append(i < columns.size() - 1 ? ",\n" : "\n");
        }
    }

    private static void properties(Map<String, String> properties, StringBuilder sb) {
        int i = 0;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            sb.append("  ").append(literal(e.getKey())).append('=').append(literal(e.getValue()))
                    .append(++i < properties.size() ? ",\n" : "\n");
        }
    }

    /** {@code `name`}, with backticks doubled. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A Hive string literal: {@code 'it\'s'}. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }
}
