package io.rslc.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Deterministic data, generated with SQL only (generate_series and hashes): six columns of mixed types with
 * NULLs, {@code rowsPerDay} rows per calendar day, ids in date order (an append-only table's physical order).
 * Each distinct shape is generated once into a template table in schema {@code tmpl}; a contender's table is a
 * fresh copy (INSERT ... SELECT), optionally indexed, then VACUUM ANALYZE (hint bits and visibility map set, as
 * on a settled table). The caller CHECKPOINTs before timing, so no contender pays for another's dirty pages.
 */
final class Data {

    /** Columns: bigint, date, timestamp, numeric(12,2), text, boolean; NULLs in the last four. */
    static final String COLUMNS = "id BIGINT NOT NULL, %s DATE NOT NULL, ts TIMESTAMP, amount NUMERIC(12,2), "
            + "note TEXT, flag BOOLEAN";

    private final Set<String> templates = new HashSet<>();

    /** A shape: first day, number of days, rows per day. */
    record Shape(LocalDate start, int days, int rowsPerDay) {
        long rows() {
            return (long) days * rowsPerDay;
        }

        String template() {
            return "tmpl.d" + start.toString().replace("-", "") + "_" + days + "_" + rowsPerDay;
        }
    }

    /** Generates the template of {@code shape} unless it exists. Returns seconds spent. */
    double ensureTemplate(Connection c, Shape shape) throws SQLException {
        if (templates.contains(shape.template())) {
            return 0;
        }
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS tmpl");
            st.execute("DROP TABLE IF EXISTS " + shape.template());
            st.execute("CREATE TABLE " + shape.template() + " (" + String.format(Locale.ROOT, COLUMNS, "d")
                    + ") WITH (autovacuum_enabled = off)");
            int rpd = shape.rowsPerDay();
            st.execute("INSERT INTO " + shape.template() + " SELECT g, "
                    + "DATE '" + shape.start() + "' + CAST((g - 1) / " + rpd + " AS INTEGER), "
                    // a time of day from a hash of the id, microsecond precision, within the row's day
                    + "CAST(DATE '" + shape.start() + "' + CAST((g - 1) / " + rpd + " AS INTEGER) AS TIMESTAMP) "
                    + "  + ((CAST(hashint8(g) AS BIGINT) & 2147483647) * 40 % 86400000000) * INTERVAL '1 microsecond', "
                    + "CASE WHEN g % 17 = 0 THEN NULL ELSE CAST(hashint8(g * 7) % 100000000 / 100.0 AS NUMERIC(12,2)) END, "
                    + "CASE WHEN g % 13 = 0 THEN NULL WHEN g % 5 = 1 THEN 'order ' || g || ', \"quoted\"' ELSE md5(CAST(g AS TEXT)) END, "
                    + "CASE WHEN g % 11 = 0 THEN NULL ELSE hashint8(g) % 2 = 0 END "
                    + "FROM generate_series(1, " + shape.rows() + ") AS g");
            st.execute("VACUUM ANALYZE " + shape.template());
        }
        templates.add(shape.template());
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * (Re)creates {@code schema.table} from the template's rows with {@code column >= from} (all rows when null),
     * with the date column named {@code column}, optionally with a B-tree index on it, then VACUUM ANALYZE.
     */
    static void copyTable(Connection c, Shape shape, String schema, String table, String column, LocalDate from,
                          boolean index) throws SQLException {
        String name = schema + "." + table;
        try (Statement st = c.createStatement()) {
            st.execute("SET synchronize_seqscans = off");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("DROP TABLE IF EXISTS " + name);
            st.execute("CREATE TABLE " + name + " (" + String.format(Locale.ROOT, COLUMNS, column)
                    + ") WITH (autovacuum_enabled = off)");
            st.execute("INSERT INTO " + name + " SELECT * FROM " + shape.template()
                    + (from == null ? "" : " WHERE d >= DATE '" + from + "'"));
            if (index) {
                st.execute("CREATE INDEX ON " + name + " (" + column + ")");
            }
            st.execute("VACUUM ANALYZE " + name);
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
