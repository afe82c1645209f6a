package io.rslc.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server of the campaign's own (the zonky embedded binaries), on a data directory and port it
 * keeps, so it can be crashed like {@code pg_ctl stop -m immediate} (SIGQUIT to the postmaster: every backend
 * killed, no shutdown checkpoint, crash recovery at the next start) and started again on the same data.
 */
final class PrivateServer implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    PrivateServer(Path data) throws IOException {
        this.data = data;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        Files.createDirectories(data.getParent());
        server = start();
    }

    private EmbeddedPostgres start() throws IOException {
        // never "clean": zonky's close() would delete the data directory the restart needs
        // zonky turns synchronous_commit off; a crash then loses acknowledged commits. On, as in production.
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("synchronous_commit", "on").start();
    }

    int port() {
        return port;
    }

    /** A new database; its direct superuser URL. */
    String newDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** {@code pg_ctl stop -m immediate}: SIGQUIT to the postmaster, then waits until it is gone. */
    void crashImmediately() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor();
        postmaster.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        server.close(); // releases zonky's lock on the data directory (its pg_ctl stop fails: nothing runs)
    }

    /** Starts the server again on the same data directory and port (crash recovery runs first). */
    void restart() throws IOException {
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        server = start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
