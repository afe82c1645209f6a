package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rslc demo} end to end, small: runs, archives readable Parquet, and a second run finds nothing due. */
class DemoIT {

    @TempDir
    Path tmp;

    @Test
    void demoRunsAndTheSecondRunFindsNothingDue() throws Exception {
        Path dir = tmp.resolve("demo");
        Cli.Result first = Cli.run("demo", "--dir", dir.toString(), "--rows", "4000", "--days", "200");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("test.ret_test_4").contains("0 failed").contains("row(s) listed in manifests");

        long archived;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id), min(load_date) FROM read_parquet('"
                     + dir.resolve("rslc-demo-check").getParent() + "/archive/ret_test_1/**/*.parquet')")) {
            rs.next();
            archived = rs.getLong(1);
            assertThat(rs.getLong(2)).isEqualTo(archived);
        }
        assertThat(archived).isPositive();
        assertThat(first.out()).containsPattern("test\\.ret_test_1\\s+OK\\s+\\d+\\s+" + archived + "\\s");

        Cli.Result second = Cli.run("demo", "--dir", dir.toString());
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("demo tables exist; reusing them").contains("Nothing was due");
        assertThat(Files.readString(dir.resolve("config.csv"))).contains(dir.resolve("archive").toString());
    }
}
