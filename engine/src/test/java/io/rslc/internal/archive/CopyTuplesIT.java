package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.Mode;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.sql.PostgresSql;
import io.rslc.spi.ArchiveStore;
import io.rslc.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyOut;

/**
 * Parquet archives written from PostgreSQL's binary COPY tuples ({@link SliceArchiver#writeTupleSlices}) are the
 * files the JDBC path ({@link SliceArchiver#writeSlices} over the driver's binary transfer) writes for the same rows,
 * byte for byte, for every type the tuple path reads and their edge values: extremes, NULLs, NaN and infinities of
 * floats and numerics, wide and unbounded numerics, dates and timestamps before 1970 and before the common era,
 * text with commas, quotes, multi-byte characters and padding; unpartitioned and partitioned by a text column.
 */
class CopyTuplesIT {

    static final String TYPES = "id INT, d DATE, s SMALLINT, b BIGINT, r REAL, f DOUBLE PRECISION, "
            + "n12 NUMERIC(12,2), n4 NUMERIC(4,0), n38 NUMERIC(38,10), nu NUMERIC, flag BOOLEAN, ts TIMESTAMP, "
            + "tz TIMESTAMPTZ, dd DATE, txt TEXT, vc VARCHAR(20), ch CHAR(4), nm NAME";

    static final List<String> ROWS = List.of(
            "(1, '2020-01-01', -32768, -9223372036854775808, 'NaN', 'Infinity', -9999999999.99, -9999, "
                    + "1234567890123456789012345678.0123456789, 'NaN', true, '1969-12-31 23:59:59.999999', "
                    + "'1900-01-01 00:00:00.000001+00', '0044-03-15 BC', 'a,b \"c\"', 'ünï€ode', 'x', 'name')",
            "(2, '2020-01-01', 32767, 9223372036854775807, '-0', '-Infinity', 0.01, 0, -0.0000000001, "
                    + "'Infinity', false, '2000-01-01 00:00:00', '2262-04-11 23:47:16.854775+00', '1582-10-04', "
                    + "'', '', '', '')",
            "(3, '2020-01-02', 0, 0, 3.4028235e38, 1e-300, 123.45, 1, 0, '-Infinity', NULL, "
                    + "'4713-01-01 00:00:00 BC', '9999-12-31 23:59:59.999999+00', '9999-12-31', 'p=1/q', 'e', "
                    + "'abcd', 'n')",
            "(4, '2020-01-02', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                    + "NULL, NULL)",
            "(5, '2020-01-03', 7, 7, 1.5, 2.5, 10.5, 12, 99999999999999999999999999.9999999999, "
                    + "123456789012345678901234567890.123456789012345, true, '2020-01-03 12:00:00', "
                    + "'2020-01-03 12:00:00+05', '2020-01-03', 'a,b \"c\"', 'x', 'y', 'z')",
            "(6, '2020-01-03', 8, 8, -1.5, -2.5, -10.5, -12, 1.5, 0.000001, false, NULL, NULL, NULL, "
                    + "'p=1/q', NULL, NULL, NULL)");

    final PostgresSql sql = new PostgresSql();

    @TempDir
    Path tmp;

    String url;

    @BeforeEach
    void table() throws SQLException {
        url = TestPostgres.newDatabase();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA s");
            st.execute("CREATE TABLE s.t (" + TYPES + ")");
            st.execute("INSERT INTO s.t VALUES " + String.join(", ", ROWS));
        }
    }

    @Test
    void theTuplePathWritesTheJdbcPathsFilesByteForByte() throws Exception {
        compare(null);
        assertThat(files(tmp.resolve("tuples"))).hasSize(3 * 2); // 3 slices: a data file and a manifest each
    }

    @Test
    void partitionedByATextColumnToo() throws Exception {
        compare("txt");
        assertThat(files(tmp.resolve("tuples")).keySet())
                .anyMatch(k -> k.contains("txt=a,b \"c\"/".replace("\"", "%22")))
                .anyMatch(k -> k.contains("txt=p%3D1%2Fq/"))
                .anyMatch(k -> k.contains("txt=__HIVE_DEFAULT_PARTITION__/"));
    }

    @Test
    void anInfiniteDateIsRefusedByBothPathsAlike() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("UPDATE s.t SET dd = 'infinity' WHERE id = 3");
        }
        Rule rule = rule(null);
        assertThatThrownBy(() -> archive(rule, true, tmp.resolve("tuples")))
                .isInstanceOf(RslcException.class).hasMessageContaining("value infinity of column dd")
                .hasMessageContaining("out of range for Parquet");
        assertThatThrownBy(() -> archive(rule, false, tmp.resolve("rows")))
                .isInstanceOf(RslcException.class).hasMessageContaining("value infinity of column dd")
                .hasMessageContaining("out of range for Parquet");
    }

    @Test
    void aSliceWhoseRowsOutnumberItsCountContinuesInANewPartAndLosesNothing() throws Exception {
        Rule rule = rule(null);
        LocalDate first = LocalDate.of(2020, 1, 1);
        // each slice has 2 rows; told 1, its files complete after the first and the second starts a new part
        SliceEnds ends = SliceEnds.atRowCount(Map.of(first, 1L, first.plusDays(1), 1L, first.plusDays(2), 1L));
        Map<LocalDate, ArchiveResult> written = archive(rule, true, tmp.resolve("tuples"), ends);

        assertThat(written.values()).allSatisfy(r -> {
            assertThat(r.rows()).isEqualTo(2);
            assertThat(r.files()).hasSize(2).allSatisfy(f -> assertThat(f.rows()).isEqualTo(1));
        });
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(id) FROM read_parquet('"
                     + tmp.resolve("tuples").toAbsolutePath() + "/**/*.parquet', hive_partitioning = false)")) {
            rs.next();
            assertThat(List.of(rs.getLong(1), rs.getLong(2))).containsExactly(6L, 21L);
        }
    }

    private void compare(String partitionColumn) throws Exception {
        Rule rule = rule(partitionColumn);
        Map<LocalDate, ArchiveResult> tuples = archive(rule, true, tmp.resolve("tuples"));
        Map<LocalDate, ArchiveResult> rows = archive(rule, false, tmp.resolve("rows"));
        assertThat(tuples.values().stream().mapToLong(ArchiveResult::rows).sum()).isEqualTo(ROWS.size());
        assertThat(tuples).isEqualTo(rows);
        Map<String, byte[]> a = files(tmp.resolve("tuples"));
        Map<String, byte[]> b = files(tmp.resolve("rows"));
        assertThat(a.keySet()).isEqualTo(b.keySet());
        String rootA = tmp.resolve("tuples").toAbsolutePath().toString();
        String rootB = tmp.resolve("rows").toAbsolutePath().toString();
        a.forEach((key, bytes) -> {
            if (key.endsWith(Manifest.NAME)) { // names its files by their full path
                assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace(rootA, "ROOT")).as(key)
                        .isEqualTo(new String(b.get(key), java.nio.charset.StandardCharsets.UTF_8).replace(rootB, "ROOT"));
            } else {
                assertThat(java.util.Arrays.equals(bytes, b.get(key))).as("%s: %d and %d bytes, equal", key,
                        bytes.length, b.get(key).length).isTrue();
            }
        });
        // and what they hold is the table, as DuckDB reads it
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(id), count(nu), count(txt) FROM read_parquet('"
                     + tmp.resolve("tuples").toAbsolutePath() + "/**/*.parquet', hive_partitioning = false)")) {
            rs.next();
            assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                    .containsExactly(6L, 21L, 5L, 5L);
        }
    }

    private Rule rule(String partitionColumn) {
        return Rule.builder().table("s", "t").column("d").retention(2).mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().format(FileFormat.PARQUET).partitionColumn(partitionColumn)
                        .location(ArchiveLocation.local(tmp)).build()).build();
    }

    private Map<LocalDate, ArchiveResult> archive(Rule rule, boolean tuples, Path root) throws SQLException {
        return archive(rule, tuples, root, SliceEnds.atNextSlice());
    }

    private Map<LocalDate, ArchiveResult> archive(Rule rule, boolean tuples, Path root, SliceEnds ends)
            throws SQLException {
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.local(root), null);
        LocalDate from = LocalDate.of(2020, 1, 1);
        LocalDate to = LocalDate.of(2020, 1, 4);
        Function<LocalDate, String> folderOf = start -> "slice=" + start + "/";
        List<LocalDate> planned = List.of(from, from.plusDays(1), from.plusDays(2));
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            List<Column> columns;
            try (Statement st = c.createStatement();
                 ResultSet none = st.executeQuery(sql.slices().columns(rule).sql())) {
                columns = Column.describe(none.getMetaData());
            }
            if (tuples) {
                CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql.copyBinary(rule, from, to, true));
                return new SliceArchiver().writeTupleSlices(() -> {
                    try {
                        return copy.readFromCopy();
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }, rule.unload(), store, columns, folderOf, planned, ends);
            }
            try (PreparedStatement st = c.prepareStatement(sql.slices().selectRouted(rule, from, to, true).sql())) {
                st.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary transfer, as PostgresWarehouse reads
                try (ResultSet rs = st.executeQuery()) {
                    return new SliceArchiver().writeSlices(rs, rule.unload(), store, folderOf, planned, ends);
                }
            }
        }
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }
}
