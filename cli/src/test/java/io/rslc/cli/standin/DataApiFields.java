package io.rslc.cli.standin;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TEST-ONLY: the SQL and JSON details of {@link DataApiStandIn}: named parameters bound as untyped literals, and
 * JDBC rows as the Data API's typed fields ({@code longValue} for integers, {@code doubleValue},
 * {@code booleanValue}, {@code isNull}, {@code stringValue} for the rest, as the service returns them).
 */
final class DataApiFields {

    /** Column names and type names, and each row's fields as JSON objects. */
    record Rows(List<String[]> columns, List<List<String>> records) {

        /** A GetStatementResult answer: rows from {@code from}, at most {@code size}, and the next page's token. */
        String page(int from, int size) {
            int to = Math.min(records.size(), from + size);
            StringBuilder sb = new StringBuilder("{\"Records\":[");
            for (int r = from; r < to; r++) {
                sb.append(r == from ? "" : ",").append('[').append(String.join(",", records.get(r))).append(']');
            }
            sb.append("],\"ColumnMetadata\":[");
            for (int i = 0; i < columns.size(); i++) {
                String[] c = columns.get(i);
                sb.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(c[0])).append(",\"label\":")
                        .append(quote(c[0])).append(",\"typeName\":").append(quote(c[1])).append('}');
            }
            sb.append("],\"TotalNumRows\":").append(records.size());
            if (to < records.size()) {
                sb.append(",\"NextToken\":").append(quote(String.valueOf(to)));
            }
            return sb.append('}').toString();
        }
    }

    private DataApiFields() {
    }

    static Rows read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String[]> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(new String[] {md.getColumnLabel(i), md.getColumnTypeName(i)});
        }
        List<List<String>> records = new ArrayList<>();
        while (rs.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                int type = md.getColumnType(i);
                String text = rs.getString(i);
                if (text == null) {
                    fields.add("{\"isNull\":true}");
                } else if (type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT) {
                    fields.add("{\"longValue\":" + rs.getLong(i) + "}");
                } else if (type == Types.DOUBLE || type == Types.REAL || type == Types.FLOAT) {
                    fields.add("{\"doubleValue\":" + rs.getDouble(i) + "}");
                } else if (type == Types.BOOLEAN || type == Types.BIT) {
                    fields.add("{\"booleanValue\":" + rs.getBoolean(i) + "}");
                } else {
                    fields.add("{\"stringValue\":" + quote(text) + "}");
                }
            }
            records.add(fields);
        }
        return new Rows(columns, records);
    }

    /**
     * {@code :name} outside string literals and quoted names (a {@code ::} cast is not one) as an untyped literal
     * of its value, which PostgreSQL converts from context as Redshift converts a Data API parameter.
     *
     * @throws IllegalArgumentException for a name without a value
     */
    static String bind(String sql, Map<String, String> values) {
        if (values.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            int end = i + 1;
            if (ch == '\'' || ch == '"') {
                while (end < sql.length() && sql.charAt(end) != ch) {
                    end += ch == '\'' && sql.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(sql.length(), end + 1);
            } else if (ch == ':' && sql.startsWith("::", i)) {
                end = i + 2;
            } else if (ch == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))) {
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String value = values.get(sql.substring(i + 1, end));
                if (value == null) {
                    throw new IllegalArgumentException("no value for parameter " + sql.substring(i, end));
                }
                out.append('\'').append(value.replace("'", "''")).append('\'');
                i = end;
                continue;
            }
            out.append(sql, i, end);
            i = end;
        }
        return out.toString();
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
