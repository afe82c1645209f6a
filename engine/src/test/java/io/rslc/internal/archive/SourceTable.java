package io.rslc.internal.archive;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-process DuckDB table with one column of every archived type and awkward values (delimiters, quotes,
 * newlines, backslashes, unicode, extremes, NULL in every column), giving real forward-only JDBC result sets.
 */
final class SourceTable implements AutoCloseable {

    static final String COLUMNS = "id integer, d date, ts timestamp, tz timestamptz, n numeric(12,2), "
            + "w numeric(38,10), si smallint, b bigint, r real, db double, t text, bo boolean";
    static final List<String> NAMES = List.of("id", "d", "ts", "tz", "n", "w", "si", "b", "r", "db", "t", "bo");
    static final String TRICKY_TEXT = "a|b\"c\\d\ne\r'f,g Ünïcødé 🎉\ttab";

    /** The special rows as SQL text inputs, and below them how rslc must spell them in TEXT/CSV files. */
    private static final String[][] ROWS = {
        {"1", "2020-03-21", "2020-03-21 10:00:00", "2020-03-21 10:00:00+02", "1234.50",
            "12345678901234567890.0123456789", "7", "9000000000", "1.5", "2.25", "plain", "true"},
        {"2", "1999-12-31", "2020-03-21 10:00:00.123456", "1969-12-31 23:59:59.999999+00", "-0.01",
            "-9999999999999999999999999999.9999999999", "-32768", "-9223372036854775808", "-3.25", "1e300",
            TRICKY_TEXT, "false"},
        {"3", null, null, null, null, null, null, null, null, null, null, null},
        {"4", "2020-03-22", "1970-01-01 00:00:00.5", "2020-03-22 00:00:00+00", "0", "0", "0", "0", "0.1", "0.1",
            "", "true"},
        {"5", "2020-03-22", "2020-03-22 23:59:59", "2020-03-22 23:59:59+00", "99999.99", "1.5", "32767", "1",
            "1e-10", "-1.5e-7", "NULL", "false"},
        {"6", "2020-03-23", "2020-03-23 00:00:00", "2020-03-23 00:00:00+00", "1", "1", "1", "1", "1", "1", "\\N",
            "true"},
    };
    static final List<List<String>> EXPECTED_TEXT = List.of(
            List.of("1", "2020-03-21", "2020-03-21 10:00:00", "2020-03-21 08:00:00+00", "1234.50",
                    "12345678901234567890.0123456789", "7", "9000000000", "1.5", "2.25", "plain", "t"),
            List.of("2", "1999-12-31", "2020-03-21 10:00:00.123456", "1969-12-31 23:59:59.999999+00", "-0.01",
                    "-9999999999999999999999999999.9999999999", "-32768", "-9223372036854775808", "-3.25", "1e+300",
                    TRICKY_TEXT, "f"),
            Arrays.asList("3", null, null, null, null, null, null, null, null, null, null, null),
            List.of("4", "2020-03-22", "1970-01-01 00:00:00.5", "2020-03-22 00:00:00+00", "0.00", "0.0000000000",
                    "0", "0", "0.1", "0.1", "", "t"),
            List.of("5", "2020-03-22", "2020-03-22 23:59:59", "2020-03-22 23:59:59+00", "99999.99", "1.5000000000",
                    "32767", "1", "1e-10", "-1.5e-07", "NULL", "f"),
            List.of("6", "2020-03-23", "2020-03-23 00:00:00", "2020-03-23 00:00:00+00", "1.00", "1.0000000000",
                    "1", "1", "1", "1", "\\N", "t"));

    final Connection db;
    private final List<Statement> statements = new ArrayList<>();
    private final List<Connection> closeLater = new ArrayList<>();

    SourceTable() throws SQLException {
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = db.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE src (" + COLUMNS + ")");
        }
        String casts = "?::integer, ?::date, ?::timestamp, ?::timestamptz, ?::numeric(12,2), ?::numeric(38,10), "
                + "?::smallint, ?::bigint, ?::real, ?::double, ?::text, ?::boolean";
        try (PreparedStatement p = db.prepareStatement("INSERT INTO src VALUES (" + casts + ")")) {
            for (String[] row : ROWS) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        p.setNull(i + 1, Types.VARCHAR);
                    } else {
                        p.setString(i + 1, row[i]);
                    }
                }
                p.executeUpdate();
            }
        }
    }

    /** Adds {@code n} plain rows with ids from 100, dates cycling over 2020-03-21..23, text of varying length. */
    SourceTable addGenerated(int n) throws SQLException {
        execute("INSERT INTO src SELECT 100 + i, DATE '2020-03-21' + (i % 3)::integer, "
                + "TIMESTAMP '2020-03-21 00:00:00' + i * INTERVAL 1 SECOND, "
                + "TIMESTAMPTZ '2020-03-21 00:00:00+00' + i * INTERVAL 1 MINUTE, (i * 7 % 100000) / 100, "
                + "i / 1000, (i % 30000)::smallint, i * 1000003, (i % 1000) / 8, i / 3, "
                + "'row ' || i || ' ' || repeat('x', (i % 40)::integer), i % 2 = 0 FROM range(" + n + ") t(i)");
        return this;
    }

    void execute(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    /** A forward-only result set with a fetch size, as rslc reads the warehouse. */
    ResultSet query(String sql) throws SQLException {
        Statement s = db.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        s.setFetchSize(1000);
        statements.add(s);
        return s.executeQuery(sql);
    }

    /**
     * A result set from a separate DuckDB connection that streams results, so errors in later rows surface in
     * {@code next()} rather than in {@code executeQuery}.
     */
    ResultSet streamingQuery(String sql) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("jdbc_stream_results", "true");
        Connection c = DriverManager.getConnection("jdbc:duckdb:", props);
        closeLater.add(c);
        Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statements.add(s);
        return s.executeQuery(sql);
    }

    /** All rows ordered by id. */
    ResultSet rows() throws SQLException {
        return query("SELECT * FROM src ORDER BY id");
    }

    /** One value of a one-row query. */
    String scalar(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** All rows of a query as strings. */
    List<List<String>> strings(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        for (Statement s : statements) {
            s.close();
        }
        for (Connection c : closeLater) {
            c.close();
        }
        db.close();
    }
}
