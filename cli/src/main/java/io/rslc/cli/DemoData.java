package io.rslc.cli;

import io.rslc.api.RslcException;
import io.rslc.internal.sql.SqlDialect;
import io.rslc.internal.sql.SqlPart;
import io.rslc.internal.sql.SqlTemplates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** Creates the sample configuration's four tables with generated rows in the demo database. */
final class DemoData {

    static final String SCHEMA = "test";
    static final String[] TABLES = {"ret_test_1", "ret_test_2", "ret_test_3", "ret_test_4"};
    private static final String FILE = "demo/tables.sql";

    private final String url;

    DemoData(String url) {
        this.url = url;
    }

    /** Creates and fills the tables if they are missing (or always, with {@code reset}); true if it did. */
    boolean ensure(boolean reset, int rows, int days) {
        SqlDialect d = SqlDialect.POSTGRESQL;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (!reset && exists(c)) {
                return false;
            }
            st.execute(t("create_schema", Map.of("schema", d.identifier(SCHEMA))));
            st.execute("DROP SCHEMA IF EXISTS rslc CASCADE");
            for (String table : TABLES) {
                SqlPart name = d.identifier(SCHEMA, table);
                st.execute(t("drop_table", Map.of("table", name)));
                st.execute(t("create_table", Map.of("table", name)));
                st.execute(t("fill", Map.of("table", name, "days", d.literal(days), "rows", d.literal(rows))));
                st.execute(t("index", Map.of("table", name)));
                st.execute(t("analyze", Map.of("table", name)));
            }
            return true;
        } catch (SQLException e) {
            throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot create the demo tables: "
                    + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, SCHEMA);
            ps.setString(2, TABLES[3]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String t(String name, Map<String, SqlPart> bindings) {
        return SqlTemplates.get(FILE, name).render(bindings).sql();
    }
}
