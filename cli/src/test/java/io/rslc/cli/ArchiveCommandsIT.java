package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rslc.internal.config.RuleFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rslc status}, {@code verify} and {@code restore} on a real PostgreSQL with local archives: the status
 * after a run, each planted archive fault found, and restore round trips that give back every value.
 */
class ArchiveCommandsIT {

    /** Values that break naive CSV/TEXT handling: quotes, delimiters, newlines, backslashes, NULLs, unicode. */
    static final String TRICKY_ROWS = "INSERT INTO s.%s SELECT g, DATE '2020-06-10' + (g %% 10), "
            + "CASE g %% 9 WHEN 0 THEN NULL WHEN 1 THEN 'quote \" and '' here' WHEN 2 THEN 'comma, pipe | tab \t end' "
            + "WHEN 3 THEN E'line\\nbreak\\r\\nand cr' WHEN 4 THEN E'back\\\\slash \\\\N' WHEN 5 THEN 'unicode é ✓ 𝄞' "
            + "WHEN 6 THEN '\"\"' WHEN 7 THEN ' spaces ' ELSE 'v' || g END, "
            + "CASE WHEN g %% 7 = 0 THEN NULL ELSE (g * 1234.567891)::numeric(20,6) END, "
            + "CASE WHEN g %% 5 = 0 THEN NULL ELSE (g::numeric / 7) END, "
            + "TIMESTAMP '2020-06-10 01:02:03.456789' + g * INTERVAL '17 minutes', "
            + "TIMESTAMPTZ '2020-06-10 23:30:00.5+05:30' + g * INTERVAL '1 hour', "
            + "CASE WHEN g %% 4 = 0 THEN NULL ELSE g %% 2 = 0 END, "
            + "CASE WHEN g %% 6 = 0 THEN NULL ELSE g / 3.0::float8 END "
            + "FROM generate_series(1, 300) g";

    static final String COLUMNS = "(id BIGINT, d DATE, txt TEXT, num NUMERIC(20,6), n2 NUMERIC, ts TIMESTAMP, "
            + "tz TIMESTAMPTZ, b BOOLEAN, f DOUBLE PRECISION)";

    @TempDir
    Path tmp;

    String url;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        url = TestDatabase.newDatabase();
        TestDatabase.exec(url, "CREATE SCHEMA s", "SET TIME ZONE 'UTC'");
        StringBuilder csv = new StringBuilder(String.join(",", RuleFields.ORIGINAL)).append('\n');
        for (String[] t : new String[][] {
                {"t_csv", "CSV", "", "1", "", "", "", "", "gzip"},
                {"t_text", "TEXT", "", "", "", "1", "\\N", "1", "zstd"},
                {"t_parquet", "PARQUET", "d", "", "", "", "", "", ""},
                {"t_plain", "TEXT", "", "", "", "", "", "1", ""}}) {
            TestDatabase.exec(url, "CREATE TABLE s." + t[0] + " " + COLUMNS, String.format(TRICKY_ROWS, t[0]));
            csv.append("s,").append(t[0]).append(",d,daily,5,").append(tmp.resolve("archive/" + t[0])).append(',')
                    .append(t[1]).append(',').append(t[2]).append(',').append(t[3]).append(',').append(t[4]).append(',')
                    .append(t[5]).append(',').append(t[6]).append(',').append(t[7]).append(',').append(t[8])
                    .append(",,,,10,2,\n");
        }
        config = tmp.resolve("rules.csv");
        Files.writeString(config, csv.toString());
    }

    Cli.Result rslc(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--config", config.toString(), "--jdbc-url", url));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void statusShowsArchivedDueAndHotFromTheJournalTheRunLogAndTheTable() throws Exception {
        Cli.Result before = rslc("status", "--as-of", "2020-06-20", "--format", "json");
        assertThat(before.exit()).as(before.err()).isZero();
        JsonNode b = new ObjectMapper().readTree(before.out()).get("tables").get(0);
        assertThat(b.get("due").get("rows").asLong()).isEqualTo(150);
        assertThat(b.get("due").get("slices").asInt()).isEqualTo(5);
        assertThat(b.get("archived").get("slices").asInt()).isZero();
        assertThat(b.get("oldestHot").asText()).isEqualTo("2020-06-10");

        assertThat(rslc("run", "--as-of", "2020-06-20", "--only", "s.t_csv").exit()).isZero();
        Cli.Result after = rslc("status", "--as-of", "2020-06-20", "--format", "json", "--table", "s.t_csv");
        JsonNode a = new ObjectMapper().readTree(after.out()).get("tables").get(0);
        assertThat(a.get("archived").get("rows").asLong()).isEqualTo(150);
        assertThat(a.get("archived").get("slices").asInt()).isEqualTo(5);
        assertThat(a.get("archived").get("firstSlice").asText()).isEqualTo("2020-06-10");
        assertThat(a.get("archived").get("lastSlice").asText()).isEqualTo("2020-06-14");
        assertThat(a.get("due").get("rows").asLong()).isZero();
        assertThat(a.get("oldestHot").asText()).isEqualTo("2020-06-15");
        assertThat(a.get("lastRun").get("status").asText()).isEqualTo("ok");
        assertThat(a.get("lastRun").get("rowsArchived").asLong()).isEqualTo(150);
        assertThat(a.get("nextSlice").asText()).isEqualTo("2020-06-15");
        assertThat(a.get("nextDueOn").asText()).isEqualTo("2020-06-21");
        assertThat(a.get("slices")).hasSize(5);
        assertThat(a.get("slices").get(0).get("state").asText()).isEqualTo("archived");

        Cli.Result text = rslc("status", "--as-of", "2020-06-20");
        assertThat(text.out()).contains("s.t_csv").contains("5 / 150").contains("0 / 0")
                .contains("archived 2020-06-10..2020-06-14").contains("2020-06-15 on 2020-06-21")
                .contains("s.t_text").contains("due 150 row(s) before 2020-06-15");
    }

    @Test
    void verifyFindsEachPlantedFaultAndCleansOnlyOrphans() throws Exception {
        assertThat(rslc("run", "--as-of", "2020-06-20").exit()).isZero();
        Cli.Result clean = rslc("verify");
        assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("verify: 4 table(s), 0 with problems, 0 finding(s) left")
                .contains("Verified 5 slice generation(s): 150 row(s)");

        Path csv = tmp.resolve("archive/t_csv/rslc_slice=2020-06-11/rslc_gen=1");
        Path csvFile = dataFile(csv);
        byte[] gz = Files.readAllBytes(csvFile);
        String lines = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        int at = lines.indexOf("\n71,") + 1; // id 71: a one-line record ('v71') of slice 2020-06-11
        assertThat(at).isPositive();
        String cut = lines.substring(0, at) + lines.substring(lines.indexOf('\n', at) + 1);
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(csvFile))) {
            out.write(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path parquetFile = dataFile(tmp.resolve("archive/t_parquet/rslc_slice=2020-06-12/rslc_gen=1"));
        byte[] pq = Files.readAllBytes(parquetFile);
        Files.write(parquetFile, java.util.Arrays.copyOf(pq, pq.length / 2));
        Files.delete(dataFile(tmp.resolve("archive/t_text/rslc_slice=2020-06-13/rslc_gen=1")));
        Path stray = tmp.resolve("archive/t_plain/rslc_slice=2020-06-10/rslc_gen=2/0000_part_00");
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, "1|2020-06-10|x\n");
        Path manifest = tmp.resolve("archive/t_plain/rslc_slice=2020-06-14/rslc_gen=1/manifest");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"record_count\": 30}", "\"record_count\": 31}"));

        Cli.Result r = rslc("verify", "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("clean").asBoolean()).isFalse();
        assertThat(problems(json, "s.t_csv")).containsExactlyInAnyOrder("row-count-mismatch", "size-mismatch")
                .as("a CSV with a line removed: its count and its size differ from the manifest");
        assertThat(problems(json, "s.t_parquet")).contains("unreadable-file", "size-mismatch");
        assertThat(problems(json, "s.t_text")).containsExactly("missing-file");
        assertThat(problems(json, "s.t_plain")).containsExactlyInAnyOrder("uncommitted-generation",
                "row-count-mismatch", "manifest-total-mismatch", "journal-rows-mismatch");

        Cli.Result cleaned = rslc("verify", "--table", "s.t_plain", "--clean-orphans");
        assertThat(cleaned.out()).contains("INFO: Removing uncommitted-generation " + stray.getParent())
                .contains("(removed)");
        assertThat(stray.getParent()).doesNotExist();
        assertThat(manifest).exists().as("a committed slice's files are never removed");
        assertThat(cleaned.exit()).as("the manifest mismatch is still there").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t_csv", "t_text", "t_parquet", "t_plain"})
    void restoreGivesBackEveryRowAndValueExactlyOnce(String table) throws Exception {
        List<List<String>> original = rows("SELECT * FROM s." + table + " WHERE d < DATE '2020-06-15' ORDER BY id");
        assertThat(original).hasSize(150);
        assertThat(rslc("run", "--as-of", "2020-06-20", "--only", "s." + table).exit()).isZero();
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s." + table)).isEqualTo(150);

        Cli.Result r = rslc("restore", "--table", "s." + table);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("restore: 5 slice generation(s), 150 row(s) into s." + table + "_restored (created)");
        assertThat(rows("SELECT * FROM s." + table + "_restored ORDER BY id")).isEqualTo(original);

        Cli.Result again = rslc("restore", "--table", "s." + table);
        assertThat(again.out()).contains("restore: 0 slice generation(s), 0 row(s)").contains("5 restored before");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s." + table + "_restored")).isEqualTo(150);

        TestDatabase.exec(url, "TRUNCATE s." + table + "_restored");
        Cli.Result emptied = rslc("restore", "--table", "s." + table);
        assertThat(emptied.out()).contains("is empty although 5 slice generation(s) were restored into it before")
                .contains("restore: 5 slice generation(s), 150 row(s)");
        assertThat(rows("SELECT * FROM s." + table + "_restored ORDER BY id")).isEqualTo(original);
    }

    @Test
    void restoreIntoTheSourceHoldsTheSlicesOutOfRunsUntilReleased() throws Exception {
        assertThat(rslc("run", "--as-of", "2020-06-20", "--only", "s.t_csv").exit()).isZero();
        Cli.Result r = rslc("restore", "--table", "s.t_csv", "--into", "s.t_csv", "--from", "2020-06-11",
                "--to", "2020-06-12");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("restoring into the source table s.t_csv").contains("held out of runs");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t_csv")).isEqualTo(150 + 60);

        assertThat(rslc("run", "--as-of", "2020-06-20", "--only", "s.t_csv").exit()).isZero();
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t_csv")).as("held: not archived again")
                .isEqualTo(210);
        Cli.Result status = rslc("status", "--as-of", "2020-06-20", "--table", "s.t_csv", "--format", "json");
        assertThat(new ObjectMapper().readTree(status.out()).get("tables").get(0).get("due").get("rows").asLong())
                .isZero();

        assertThat(rslc("restore", "--table", "s.t_csv", "--release").out()).contains("Released 2 held");
        assertThat(rslc("run", "--as-of", "2020-06-20", "--only", "s.t_csv").exit()).isZero();
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t_csv")).isEqualTo(150);
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM rslc.slice_journal WHERE table_name = 't_csv' "
                + "AND generation = 2")).as("archived again as new generations").isEqualTo(2);
        assertThat(rslc("verify", "--table", "s.t_csv").exit()).isZero();
    }

    @Test
    void aKilledRestoreResumesWithNoRowDoubledOrMissing() throws Exception {
        List<List<String>> original = rows("SELECT * FROM s.t_parquet WHERE d < DATE '2020-06-15' ORDER BY id");
        assertThat(rslc("run", "--as-of", "2020-06-20", "--only", "s.t_parquet").exit()).isZero();
        for (String at : List.of("restore-before-commit:3", "restore-before-commit:1")) {
            Process p = Cli.start(tmp.resolve("kill-" + at.replace(':', '-')), List.of("-Drslc.crashAt=" + at),
                    "restore", "--config", config.toString(), "--jdbc-url", url, "--table", "s.t_parquet");
            assertThat(Cli.await(p)).isEqualTo(137);
        }
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t_parquet_restored")).isEqualTo(60)
                .as("two generations committed before the first kill, none in the second");
        Cli.Result r = rslc("restore", "--table", "s.t_parquet");
        assertThat(r.out()).contains("restore: 3 slice generation(s), 90 row(s)").contains("2 restored before");
        assertThat(rows("SELECT * FROM s.t_parquet_restored ORDER BY id")).isEqualTo(original);
    }

    @Test
    void textWithoutEscapeRefusesAValueNoReaderCouldSplitCorrectlyAndDeletesNothing() throws Exception {
        TestDatabase.exec(url, "CREATE TABLE s.t_unsafe " + COLUMNS, String.format(TRICKY_ROWS, "t_unsafe"));
        Files.writeString(config, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,t_unsafe,d,daily,5," + tmp.resolve("archive/t_unsafe") + ",TEXT,,,,,,,,,,,10,2,\n");
        Cli.Result r = rslc("run", "--as-of", "2020-06-20");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("which TEXT without escape or add_quotes cannot write readably");
        assertThat(TestDatabase.count(url, "SELECT count(*) FROM s.t_unsafe")).isEqualTo(300);
    }

    @Test
    void restoresKilledWithSigkillAtRandomInstantsEndWithEveryRowOnce() throws Exception {
        TestDatabase.exec(url, "INSERT INTO s.t_text SELECT g, DATE '2020-05-01' + (g % 40), 'r' || g, g, g, "
                + "TIMESTAMP '2020-05-01', TIMESTAMPTZ '2020-05-01 00:00+00', true, g FROM generate_series(1000, 30999) g");
        List<List<String>> original = rows("SELECT * FROM s.t_text WHERE d < DATE '2020-06-15' ORDER BY id");
        assertThat(rslc("run", "--as-of", "2020-06-20", "--only", "s.t_text").exit()).isZero();
        java.util.Random random = new java.util.Random(42);
        int killed = 0;
        for (int i = 0; i < 3; i++) {
            long before = restored();
            long target = before + 1 + random.nextInt(6);
            Process p = Cli.start(tmp.resolve("sigkill-" + i), List.of(), "restore", "--config", config.toString(),
                    "--jdbc-url", url, "--table", "s.t_text");
            while (p.isAlive() && restored() < target) {
                Thread.sleep(5);
            }
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL, somewhere in the slice after the target-th commit
                killed++;
            }
            p.waitFor();
        }
        assertThat(killed).as("each restore was killed part-way").isEqualTo(3);
        Cli.Result r = rslc("restore", "--table", "s.t_text");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(rows("SELECT * FROM s.t_text_restored ORDER BY id")).as("after " + killed + " SIGKILL(s)")
                .isEqualTo(original);
    }

    /** Slice generations restored so far (0 before the restore journal exists). */
    private long restored() {
        try {
            return TestDatabase.count(url, "SELECT count(*) FROM rslc.restore_journal");
        } catch (SQLException e) {
            return 0;
        }
    }

    private static Path dataFile(Path attempt) throws IOException {
        try (Stream<Path> files = Files.walk(attempt)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("manifest"))
                    .findFirst().orElseThrow();
        }
    }

    private static List<String> problems(JsonNode json, String table) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : json.get("tables")) {
            if (t.get("table").asText().equals(table)) {
                t.get("findings").forEach(f -> out.add(f.get("problem").asText()));
            }
        }
        return out;
    }

    /** Every value as PostgreSQL spells it in UTC ({@code null} for NULL). */
    private List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<List<String>> out = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }
}
