package io.rslc.internal.aws.dataapi;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;

/**
 * JDBC's {@code ?} placeholders as Data API named parameters. The SQL is scanned as Redshift reads it: a
 * {@code ?} inside a string literal (where a backslash escapes the next character), a quoted identifier or a
 * comment is text, not a placeholder. Each placeholder becomes {@code :pN} with its value as text, except NULL
 * and the empty string (a parameter's value must be at least one character), which become {@code NULL} and
 * {@code ''} in the SQL itself: no value is ever spliced into the SQL text.
 */
final class SqlParameters {

    private SqlParameters() {
    }

    /** The SQL with {@code :pN} in place of each {@code ?}; the parameters are added to {@code into}. */
    static String bind(String sql, Map<Integer, Object> values, List<SqlParameter> into) throws SQLException {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            int end = i + 1;
            if (ch == '\'') {
                end = quoted(sql, i, '\'', true);
            } else if (ch == '"') {
                end = quoted(sql, i, '"', false);
            } else if (ch == '-' && sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                end = nl < 0 ? sql.length() : nl;
            } else if (ch == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? sql.length() : close + 2;
            } else if (ch == '?') {
                n++;
                if (!values.containsKey(n)) {
                    throw new SQLException("no value set for parameter " + n, "07001");
                }
                Object v = values.get(n);
                String text = v == null ? null : v.toString();
                if (text == null) {
                    out.append("NULL");
                } else if (text.isEmpty()) {
                    out.append("''");
                } else {
                    String name = "p" + n;
                    into.add(SqlParameter.builder().name(name).value(text).build());
                    out.append(':').append(name);
                }
                i = end;
                continue;
            }
            out.append(sql, i, end);
            i = end;
        }
        if (values.size() > n) {
            throw new SQLException(values.size() + " parameter value(s) set for " + n + " placeholder(s)", "07001");
        }
        return out.toString();
    }

    /** The index after a quoted run starting at {@code start}; a doubled quote continues it. */
    private static int quoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (backslashEscapes && ch == '\\') {
                i += 2;
            } else if (ch == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
