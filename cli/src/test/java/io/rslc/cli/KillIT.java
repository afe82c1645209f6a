package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code rslc run} (a separate JVM) at chosen instants and checks the crash-safety invariants after each
 * kill and after the re-run: every deleted row is in the archive exactly once, committed files are never
 * rewritten, and the checkpoint (written back into the CSV: {@code --write-checkpoints}) never claims an uncommitted
 * slice. Subclasses run the same scenario on another
 * warehouse ({@link RedshiftKillIT}).
 */
class KillIT {

    static final String AS_OF = "2020-06-20";
    static final int DAYS = 8;
    static final int PER_DAY = 2_000;

    @TempDir
    Path tmp;

    /** Where rslc connects, and where the test looks directly. */
    String rslcUrl;
    String pgUrl;
    Path config;

    /** Creates the database; returns {rslc URL, direct PostgreSQL URL}. */
    String[] database() throws Exception {
        String url = TestDatabase.newDatabase();
        return new String[] {url, url};
    }

    /** The archive location written into the config. */
    String archiveLocation() {
        return tmp.resolve("archive").toString();
    }

    /** Extra arguments and JVM options for the child process: batches of 2 slices, so kills can land between. */
    List<String> extraArgs() {
        return List.of("--batch-rows", String.valueOf(2 * PER_DAY));
    }

    List<String> jvmOptions() {
        return List.of();
    }

    /** Data files of the archive as (folder ending in '/', content) pairs. */
    List<String[]> dataFiles() throws Exception {
        List<String[]> out = new ArrayList<>();
        Path archive = Path.of(archiveLocation());
        if (!Files.exists(archive)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(archive)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains("_part_")).toList()) {
                out.add(new String[] {p.getParent() + "/", Files.readString(p)});
            }
        }
        return out;
    }

    void setUp() throws Exception {
        String[] urls = database();
        rslcUrl = urls[0];
        pgUrl = urls[1];
        TestDatabase.exec(pgUrl, "CREATE SCHEMA s",
                "CREATE TABLE s.t (id BIGINT PRIMARY KEY, d DATE NOT NULL, note TEXT)",
                "INSERT INTO s.t SELECT g, DATE '2020-06-01' + (g % " + (DAYS + 4) + "), 'row ' || g "
                        + "FROM generate_series(1, " + (PER_DAY * (DAYS + 4)) + ") g");
        config = tmp.resolve("rules.csv");
        Files.writeString(config, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,t,d,daily,11," + archiveLocation() + ",,,,,,,,,,,,10,2,");
    }

    Process rslc(Path dir, String crashAt) throws Exception {
        List<String> jvm = new ArrayList<>(jvmOptions());
        if (crashAt != null) {
            jvm.add("-Drslc.crashAt=" + crashAt);
        }
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--jdbc-url", rslcUrl,
                "--as-of", AS_OF, "--write-checkpoints"));
        args.addAll(extraArgs());
        return Cli.start(dir, jvm, args.toArray(String[]::new));
    }

    Set<Long> tableIds() throws Exception {
        Set<Long> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(pgUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM s.t")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Committed archive folders, from the journal (the truth after a crash). */
    List<String> committedFolders() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pgUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT archive_location FROM rslc.slice_journal")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            return out; // no journal yet
        }
        return out;
    }

    /** Ids in the archive's data files under {@code folders} (every folder if null), with duplicates. */
    List<Long> archivedIds(List<String> folders) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String[] f : dataFiles()) {
            if (folders == null || folders.contains(f[0])) {
                f[1].lines().forEach(line -> ids.add(Long.parseLong(line.substring(0, line.indexOf('|')))));
            }
        }
        return ids;
    }

    void assertInvariants(Set<Long> initial) throws Exception {
        Set<Long> deleted = new HashSet<>(initial);
        deleted.removeAll(tableIds());
        List<Long> committed = archivedIds(committedFolders());
        assertThat(committed).as("committed archive holds each deleted row exactly once")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(deleted);
        String checkpoint = checkpoint();
        if (!checkpoint.isEmpty()) {
            try (Connection c = DriverManager.getConnection(pgUrl); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT max(slice_start)::text FROM rslc.slice_journal")) {
                rs.next();
                assertThat(checkpoint).as("checkpoint never ahead of the journal").isLessThanOrEqualTo(rs.getString(1));
            }
        }
    }

    String checkpoint() throws Exception {
        String row = Files.readAllLines(config).get(1);
        return row.substring(row.lastIndexOf(',') + 1);
    }

    void finish(Set<Long> initial) throws Exception {
        Process finish = rslc(tmp.resolve("final"), null);
        assertThat(Cli.await(finish)).as(Cli.read(tmp.resolve("final").resolve("err.txt"))).isZero();
        assertInvariants(initial);
        assertThat(archivedIds(null)).as("no stray files: every data file is committed").doesNotHaveDuplicates()
                .hasSize(DAYS * PER_DAY);
        assertThat(tableIds()).hasSize(4 * PER_DAY);
        assertThat(checkpoint()).isEqualTo("2020-06-08");
    }

    @Test
    void killedAtEachPointThenRerunLosesAndDuplicatesNothing() throws Exception {
        setUp();
        Set<Long> initial = tableIds();
        int round = 0;
        for (String point : List.of("after-archive:2", "before-commit:2", "after-commit:2")) {
            Path dir = tmp.resolve("run" + round++);
            Process p = rslc(dir, point);
            assertThat(Cli.await(p)).as("halted at " + point + ": " + Cli.read(dir.resolve("err.txt"))).isEqualTo(137);
            assertThat(Cli.read(dir.resolve("err.txt"))).contains("crash point " + point.split(":")[0] + " reached");
            assertInvariants(initial);
        }
        finish(initial);
    }

    @Test
    void killDashNineAtRandomInstantsThenRerun() throws Exception {
        setUp();
        Set<Long> initial = tableIds();
        Random random = new Random(42);
        boolean killedMidRun = false;
        for (int i = 0; i < 3; i++) {
            Path dir = tmp.resolve("kill" + i);
            Process p = rslc(dir, null);
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Cli.read(dir.resolve("err.txt")).contains("TABLE: s.t") && p.isAlive()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(120));
            boolean alive = p.isAlive();
            p.destroyForcibly().waitFor(); // SIGKILL
            killedMidRun |= alive && committedFolders().size() < DAYS;
            assertInvariants(initial);
        }
        assertThat(killedMidRun).as("at least one kill landed while slices were being processed").isTrue();
        finish(initial);
    }
}
