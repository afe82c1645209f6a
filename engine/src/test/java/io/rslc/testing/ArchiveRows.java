package io.rslc.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an archive folder back with DuckDB (an independent reader), as one string per row of the test tables'
 * shape {@code id|d|amount|note}, NULL as {@code \N}.
 */
public final class ArchiveRows {

    private ArchiveRows() {
    }

    public static List<String> parquet(Path root) throws SQLException {
        return query("SELECT CAST(id AS VARCHAR), CAST(d AS VARCHAR), CAST(amount AS VARCHAR), note FROM read_parquet('"
                + glob(root, "*.parquet") + "', hive_partitioning = false)");
    }

    public static List<String> text(Path root) throws SQLException {
        return query("SELECT column0, column1, column3, column4 FROM read_csv('" + glob(root, "*_part_*")
                + "', delim = '|', header = false, all_varchar = true, quote = '', escape = '', "
                + "hive_partitioning = false, auto_detect = false, columns = {'column0': 'VARCHAR', 'column1': 'VARCHAR', "
                + "'column2': 'VARCHAR', 'column3': 'VARCHAR', 'column4': 'VARCHAR', 'column5': 'VARCHAR'})");
    }

    public static List<String> csv(Path root, String glob) throws SQLException {
        return query("SELECT id, d, amount, note FROM read_csv('" + glob(root, glob)
                + "', header = true, all_varchar = true, hive_partitioning = false)");
    }

    /** Hive partition values DuckDB sees in a Parquet archive: distinct rslc_slice values. */
    public static List<String> hiveSlices(Path root) throws SQLException {
        return query("SELECT DISTINCT rslc_slice FROM read_parquet('" + glob(root, "*.parquet")
                + "', hive_partitioning = true) ORDER BY 1");
    }

    private static String glob(Path root, String file) {
        return root.toAbsolutePath() + "/**/" + file;
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    String v = rs.getString(i);
                    sb.append(i > 1 ? "|" : "").append(v == null ? "\\N" : v);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    public static boolean exists(Path root) {
        return Files.isDirectory(root);
    }
}
