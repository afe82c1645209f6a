package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.Mode;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.testing.MemoryRuleStore;
import io.rslc.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns rslc archives as text (types without a Parquet counterpart) must hold exactly PostgreSQL's own text of
 * each value. The driver's binary transfer would not give it for some (bytea as a Java array identity, timetz
 * shifted to UTC, arrays and points re-spelled), so such tables are read as text.
 */
class ValueFidelityIT {

    static final List<String> COLUMNS = List.of("b bytea", "tz timetz", "t time", "ia int[]", "ta text[]", "p point",
            "bx box", "iv interval", "j json", "jb jsonb", "u uuid", "ch char(3)", "ip inet");

    @TempDir
    Path tmp;

    @Test
    void textArchivedColumnsHoldPostgresqlsOwnText() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.t (id INT, d DATE, " + String.join(", ", COLUMNS) + ")");
            st.execute("INSERT INTO s.t VALUES (1, '2020-01-10', '\\x0102ff', '10:11:12.5+02', '23:59:59.999999', "
                    + "ARRAY[1, 2, NULL], ARRAY['a,b', 'c'], point(1, 2.5), box(point(1, 2), point(3, 4)), "
                    + "interval '1 day 2 hours', '{\"a\": 1}', '{\"b\": [1, 2]}', "
                    + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'x', '10.1.2.3/8'), "
                    + "(2, '2020-01-11', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                    + "NULL)");
        }
        // PostgreSQL's output functions, as a one-shot (text) query gives them: char(3) keeps its padding
        List<String> expected = rows(ds.getConnection(), "SELECT " + String.join(", ",
                COLUMNS.stream().map(col -> col.split(" ")[0]).toList()) + " FROM s.t ORDER BY id");
        Rule rule = Rule.builder().table("s", "t").column("d").retention(2).mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().format(FileFormat.PARQUET)
                        .location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();

        RunReport report = Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(rule)).load()
                .run(new PlanOptions(LocalDate.of(2020, 6, 1), ZoneId.of("UTC"), null, Set.of()));

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error())
                .isEqualTo(TableReport.Status.OK);
        assertThat(report.rowsArchived()).isEqualTo(2);
        List<String> archived = rows(DriverManager.getConnection("jdbc:duckdb:"), "SELECT " + String.join(", ",
                COLUMNS.stream().map(col -> col.split(" ")[0]).toList()) + " FROM read_parquet('"
                + tmp.resolve("t").toAbsolutePath() + "/**/*.parquet', hive_partitioning = false) ORDER BY id");
        assertThat(archived).isEqualTo(expected);
        assertThat(archived.get(0)).contains("\\x0102ff", "10:11:12.5+02", "{1,2,NULL}", "(1,2.5)", "x  ");
    }

    @Test
    void infiniteDatesAndTimestampsOutsideTheDateColumnAreSpelledAsPostgresqlDoes() throws Exception {
        JdbcDataSource ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.t (id INT, d DATE, dd DATE, ts TIMESTAMP, tz TIMESTAMPTZ)");
            st.execute("INSERT INTO s.t VALUES (1, '2020-01-10', 'infinity', '-infinity', 'infinity'), "
                    + "(2, '2020-01-11', '-infinity', 'infinity', '-infinity')");
        }
        Rule rule = Rule.builder().table("s", "t").column("d").retention(2).mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();

        RunReport report = Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(rule)).load()
                .run(new PlanOptions(LocalDate.of(2020, 6, 1), ZoneId.of("UTC"), null, Set.of()));

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error())
                .isEqualTo(TableReport.Status.OK);
        List<String> lines = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(tmp.resolve("t"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().contains("_part_")).toList()) {
                lines.addAll(java.nio.file.Files.readAllLines(f));
            }
        }
        assertThat(lines).containsExactlyInAnyOrder("1|2020-01-10|infinity|-infinity|infinity",
                "2|2020-01-11|-infinity|infinity|-infinity");
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                out.add(String.join(" | ", row));
            }
        }
        return out;
    }
}
