package io.rslc.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL server for one benchmark run: Debian's binaries (initdb + pg_ctl), run as the
 * {@code postgres} user when the harness runs as root, in a fresh data directory on a free loopback port.
 * Settings are PostgreSQL's defaults (fsync on, shared_buffers 128 MB, max_wal_size 1 GB) except: pg_stat_statements
 * is loaded (to count statements and see where server time goes) and autovacuum is off (every contender runs its
 * own VACUUM ANALYZE, and autovacuum workers would add commits and noise).
 *
 * <p>Contenders connect as {@code bench_run}, the owner of database {@code bench}. The harness reads statistics
 * from database {@code postgres} as superuser, so its own queries never show up in the {@code bench} counters.
 */
final class Pg implements AutoCloseable {

    static final String DB = "bench";
    static final String USER = "bench_run";

    final Path bin;
    final Path dir;
    final Path data;
    final int port;
    final boolean asPostgresUser;
    private boolean running;

    private Pg(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static Pg start(Path bin, Path work) throws IOException, InterruptedException, SQLException {
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("no PostgreSQL binaries in " + bin
                    + " (install Debian's postgresql, e.g. apt-get install -y postgresql, or pass --pg-bin DIR)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = work.resolve("pg");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        Pg pg = new Pg(bin, dir, freePort(), root);
        pg.exec(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--locale=C.UTF-8"), dir.resolve("initdb.log"));
        String opts = "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                + " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=20000"
                + " -c pg_stat_statements.track_utility=on -c autovacuum=off";
        pg.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", pg.data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "120", "-o", opts, "start"), dir.resolve("pg_ctl.log"));
        pg.running = true;
        try (Connection c = pg.admin(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("CREATE ROLE " + USER + " LOGIN");
            st.execute("CREATE DATABASE " + DB + " OWNER " + USER);
        }
        return pg;
    }

    private void exec(List<String> cmd, Path log) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            throw new IllegalStateException(String.join(" ", full) + " failed; see " + log + ":\n"
                    + (Files.exists(log) ? Files.readString(log) : ""));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String jdbcUrl(int viaPort) {
        return "jdbc:postgresql://127.0.0.1:" + viaPort + "/" + DB + "?user=" + USER;
    }

    /** Superuser connection to database {@code postgres}: statistics, CHECKPOINT, quiescence checks. */
    Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    }

    /** Connection to the benchmark database as the contenders' user (table setup). */
    Connection bench() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(port));
    }

    String version() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    void checkpoint() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    /** Waits until no session is connected to the benchmark database (their statistics are flushed on exit). */
    void quiesce() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            while (true) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + DB + "'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("sessions still connected to " + DB + " after 60 s");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Counters of the benchmark database, read from a fresh superuser session. */
    Stats stats() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            long commits;
            long rollbacks;
            try (ResultSet rs = st.executeQuery("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = '" + DB + "'")) {
                rs.next();
                commits = rs.getLong(1);
                rollbacks = rs.getLong(2);
            }
            long calls;
            double execMs;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) "
                    + "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '" + DB + "')")) {
                rs.next();
                calls = rs.getLong(1);
                execMs = rs.getDouble(2);
            }
            long dealloc;
            try (ResultSet rs = st.executeQuery("SELECT dealloc FROM pg_stat_statements_info")) {
                rs.next();
                dealloc = rs.getLong(1);
            }
            List<Stats.Top> top = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT calls, total_exec_time, rows, query FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '" + DB + "') "
                    + "ORDER BY total_exec_time DESC LIMIT 8")) {
                while (rs.next()) {
                    top.add(new Stats.Top(rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getString(4)));
                }
            }
            return new Stats(commits, rollbacks, calls, execMs, dealloc, top);
        }
    }

    void resetStatements() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                    dir.resolve("pg_ctl-stop.log"));
        } catch (Exception e) {
            System.err.println("bench: could not stop PostgreSQL: " + e.getMessage());
        }
    }

    /**
     * Counters of database {@code bench}: commits and rollbacks from pg_stat_database, statements (top-level calls,
     * utility statements such as BEGIN/COMMIT/SET/COPY/VACUUM included) and their server execution time from
     * pg_stat_statements.
     */
    record Stats(long commits, long rollbacks, long statements, double execMs, long dealloc, List<Top> top) {

        record Top(long calls, double totalMs, long rows, String query) {
        }

        Stats minus(Stats before) {
            return new Stats(commits - before.commits, rollbacks - before.rollbacks, statements, execMs,
                    dealloc - before.dealloc, top);
        }
    }
}
