package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rslc.internal.aws.glue.GlueStandIn;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rslc catalog} end to end: rslc archives two tables of a real PostgreSQL into local folders (Parquet, and
 * gzipped CSV with a header and a partition column), late rows add a second generation, a crash is imitated by
 * attempt folders no journal row claims; the catalog is registered through the real Glue client in the Glue
 * protocol stand-in, and DuckDB then reads exactly the registered partition locations: it must give back exactly
 * the rows that were archived (and deleted), never the planted ones.
 */
class CatalogCommandIT {

    @TempDir
    Path tmp;

    String url;
    Path config;
    GlueStandIn glue;

    @BeforeEach
    void setUp() throws Exception {
        glue = new GlueStandIn(4);
        url = TestDatabase.newDatabase();
        TestDatabase.exec(url, "CREATE SCHEMA s",
                "CREATE TABLE s.a (id BIGINT, d DATE, amount NUMERIC(10,2), note TEXT)",
                "INSERT INTO s.a SELECT g, DATE '2020-06-10' + (g % 10), g / 100.0, 'n' || g FROM generate_series(1, 1000) g",
                "CREATE TABLE s.b (id BIGINT, d DATE, note TEXT)",
                "INSERT INTO s.b SELECT g, DATE '2020-06-10' + (g % 10), 'b,' || g FROM generate_series(1, 200) g");
        config = tmp.resolve("rules.csv");
        Files.writeString(config, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,a,d,daily,5," + tmp.resolve("archive/a") + ",PARQUET,,,,,,,,,,,10,2,\n"
                + "s,b,d,daily,5," + tmp.resolve("archive/b") + ",CSV,d,1,,,,,gzip,,,,20,2,\n"
                + "s,c,d,daily,5,,,,,,,,,,,,,30,1,\n");
    }

    @AfterEach
    void tearDown() {
        glue.close();
    }

    Cli.Result catalog(String... extra) {
        List<String> args = new ArrayList<>(List.of("catalog", "--config", config.toString(), "--jdbc-url", url,
                "--database", "archive", "--region", "us-east-1", "--glue-endpoint", glue.endpoint().toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    Cli.Result run() {
        return Cli.run("run", "--config", config.toString(), "--jdbc-url", url, "--as-of", "2020-06-20",
                "--only", "s.a,s.b");
    }

    @Test
    void registersExactlyTheCommittedAttemptsAndDuckDbReadsBackExactlyTheArchivedRows() throws Exception {
        assertThat(run().exit()).isZero();
        // late rows of an archived day: the next run archives them as generation 2 of that slice
        TestDatabase.exec(url, "INSERT INTO s.a SELECT g, DATE '2020-06-12', 7.5, 'late' FROM generate_series(5001, 5003) g",
                "INSERT INTO s.b SELECT g, DATE '2020-06-12', 'late' FROM generate_series(5001, 5002) g");
        assertThat(run().exit()).isZero();
        List<Long> archivedA = List.copyOf(ids(url, "SELECT g FROM generate_series(1, 1000) g WHERE g % 10 < 5 "
                + "UNION ALL SELECT g FROM generate_series(5001, 5003) g"));
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.a WHERE d < DATE '2020-06-15'")).isZero();
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.b WHERE d < DATE '2020-06-15'")).isZero();

        // crashed attempts: files in folders no journal row claims (a later generation; a slice never committed)
        Path a = tmp.resolve("archive/a");
        Path gen1 = a.resolve("rslc_slice=2020-06-10/rslc_gen=1");
        for (Path planted : List.of(a.resolve("rslc_slice=2020-06-10/rslc_gen=9"), a.resolve("rslc_slice=2020-06-15/rslc_gen=1"))) {
            Files.createDirectories(planted);
            try (Stream<Path> files = Files.list(gen1)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                    Files.copy(f, planted.resolve(f.getFileName()));
                }
            }
        }
        Path plantedB = tmp.resolve("archive/b/rslc_slice=2020-06-13/rslc_gen=2/d=2020-06-13");
        Files.createDirectories(plantedB);
        Files.copy(tmp.resolve("archive/b/rslc_slice=2020-06-13/rslc_gen=1/d=2020-06-13/0000_part_00.gz"),
                plantedB.resolve("0000_part_00.gz"));
        // reading the whole prefix, as partition discovery would, counts the planted rows too
        assertThat(duckCount("SELECT count(*) FROM read_parquet('" + a + "/**/*.parquet')"))
                .isEqualTo(archivedA.size() + 2 * 100L);

        Cli.Result first = catalog();

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("s.a -> archive.s_a"
                + ": database created, table created, 6 partition(s) added, 0 updated, 0 removed, 0 unchanged")
                .contains("s.b -> archive.s_b: table created, 6 partition(s) added, 0 updated, 0 removed, 0 unchanged");
        assertThat(first.err()).contains("s.c: its rule deletes without archiving (update_delete_flag 1), not registered");

        Map<List<String>, String> partsA = GlueStandIn.locations(glue.partitions("archive", "s_a"));
        assertThat(partsA.keySet()).containsExactly(List.of("2020-06-10", "1"), List.of("2020-06-11", "1"),
                List.of("2020-06-12", "1"), List.of("2020-06-12", "2"), List.of("2020-06-13", "1"),
                List.of("2020-06-14", "1"));
        assertThat(partsA.values()).allMatch(l -> l.startsWith(a + "/rslc_slice=")).noneMatch(l -> l.contains("gen=9"));
        ObjectNode tableA = glue.table("archive", "s_a");
        assertThat(tableA.path("StorageDescriptor").path("Columns").toString()).isEqualTo("[{\"Name\":\"id\","
                + "\"Type\":\"bigint\"},{\"Name\":\"d\",\"Type\":\"date\"},{\"Name\":\"amount\",\"Type\":"
                + "\"decimal(10,2)\"},{\"Name\":\"note\",\"Type\":\"string\"}]");
        assertThat(tableA.path("StorageDescriptor").path("Location").asText()).isEqualTo(a + "/");

        // DuckDB over exactly the registered locations, with Hive partitioning from their folder names
        String files = partsA.values().stream().map(l -> "'" + l + "*.parquet'").collect(Collectors.joining(", "));
        String readA = "read_parquet([" + files + "], hive_partitioning = true)";
        assertThat(ids("jdbc:duckdb:", "SELECT id FROM " + readA)).containsExactlyInAnyOrderElementsOf(archivedA);
        assertThat(duckCount("SELECT count(*) FROM " + readA + " WHERE rslc_gen = 2 AND rslc_slice = '2020-06-12'"))
                .isEqualTo(3);
        assertThat(duckCount("SELECT count(*) FROM " + readA + " WHERE amount = 7.50 AND d = DATE '2020-06-12' "
                + "AND note = 'late'")).isEqualTo(3);

        // the CSV table: one partition per d=<value>/ folder of each committed attempt, gzipped with a header
        Map<List<String>, String> partsB = GlueStandIn.locations(glue.partitions("archive", "s_b"));
        assertThat(partsB).containsEntry(List.of("2020-06-12", "2", "2020-06-12"),
                tmp.resolve("archive/b") + "/rslc_slice=2020-06-12/rslc_gen=2/d=2020-06-12/");
        assertThat(partsB.keySet()).hasSize(6).noneMatch(v -> v.get(0).equals("2020-06-13") && v.get(1).equals("2"));
        ObjectNode tableB = glue.table("archive", "s_b");
        assertThat(tableB.path("PartitionKeys").toString()).isEqualTo("[{\"Name\":\"rslc_slice\",\"Type\":\"string\"},"
                + "{\"Name\":\"rslc_gen\",\"Type\":\"int\"},{\"Name\":\"rslc_d\",\"Type\":\"string\"}]");
        assertThat(tableB.path("Parameters").path("skip.header.line.count").asText()).isEqualTo("1");
        assertThat(tableB.path("StorageDescriptor").path("SerdeInfo").path("SerializationLibrary").asText())
                .isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
        String csvFiles = partsB.values().stream().map(l -> "'" + l + "*.gz'").collect(Collectors.joining(", "));
        List<Long> idsB = ids("jdbc:duckdb:", "SELECT id FROM read_csv([" + csvFiles + "], header = true, "
                + "hive_partitioning = false, columns = {'id': 'BIGINT', 'd': 'DATE', 'note': 'VARCHAR'})");
        assertThat(idsB).containsExactlyInAnyOrderElementsOf(ids(url, "SELECT g FROM generate_series(1, 200) g "
                + "WHERE g % 10 < 5 UNION ALL SELECT g FROM generate_series(5001, 5002) g"));

        // again: nothing to do
        int creates = glue.calls("BatchCreatePartition");
        Cli.Result again = catalog();
        assertThat(again.out()).contains("s.a -> archive.s_a: table unchanged, 0 partition(s) added, 0 updated, "
                + "0 removed, 6 unchanged");
        assertThat(glue.calls("BatchCreatePartition")).isEqualTo(creates);
        assertThat(glue.calls("UpdateTable")).isZero();

        // a slice no longer journaled loses its partition; --table limits the run to one table
        TestDatabase.exec(url, "DELETE FROM rslc.slice_journal WHERE table_name = 'a' AND slice_start = DATE '2020-06-14'");
        Cli.Result pruned = catalog("--table", "s.a");
        assertThat(pruned.out()).contains("s.a -> archive.s_a: table unchanged, 0 partition(s) added, 0 updated, "
                + "1 removed, 5 unchanged").doesNotContain("s.b");
        assertThat(glue.partitions("archive", "s_a")).doesNotContainKey(List.of("2020-06-14", "1"));

        // --ddl prints the same table and partitions, and leaves Glue alone
        int calls = glue.calls("GetTable");
        Cli.Result ddl = catalog("--ddl", "--table", "s.a", "--table-prefix", "arc_");
        assertThat(ddl.exit()).isZero();
        assertThat(glue.calls("GetTable")).isEqualTo(calls);
        assertThat(ddl.out()).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `archive`.`arc_s_a` (\n  `id` bigint,")
                .contains("LOCATION '" + a + "/'\n")
                .contains("ALTER TABLE `archive`.`arc_s_a` ADD IF NOT EXISTS\n  PARTITION (`rslc_slice`='2020-06-10', "
                        + "`rslc_gen`=1) LOCATION '" + gen1 + "/'\n")
                .contains("PARTITION (`rslc_slice`='2020-06-12', `rslc_gen`=2)")
                .doesNotContain("rslc_gen=9").doesNotContain("2020-06-15").doesNotContain("2020-06-14");
        assertThat(ddl.err()).contains("s.a -> archive.arc_s_a: 5 partition(s) printed");
    }

    @Test
    void errorsAreOneLine() throws Exception {
        Cli.Result noJournal = catalog();
        assertThat(noJournal.exit()).isEqualTo(2);
        assertThat(noJournal.err()).endsWith("\nrslc: error: there is no journal rslc.slice_journal in this database: "
                + "nothing was archived here yet, or the runs used another --journal-schema\n");

        assertThat(run().exit()).isZero();
        Cli.Result unknown = catalog("--table", "s.zzz");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("rslc: error: --table s.zzz: no valid rule for it in " + config)
                .doesNotContain("\tat ");

        glue.deny("CreateTable");
        Cli.Result denied = catalog("--table", "s.a");
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.err()).contains("FAILED s.a: cannot register the archive of s.a as Glue table archive.s_a: "
                + "AccessDeniedException: User: arn:aws:iam::123456789012:user/test is not authorized to perform: "
                + "glue:CreateTable").doesNotContain("\tat ");
    }

    long duckCount(String sql) throws Exception {
        List<Long> v = ids("jdbc:duckdb:", sql);
        return v.get(0);
    }

    static List<Long> ids(String url, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
