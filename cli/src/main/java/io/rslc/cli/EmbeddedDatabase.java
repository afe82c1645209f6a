package io.rslc.cli;

import io.rslc.api.RslcException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL (zonky's binaries, started in-process) whose data directory persists, so a second
 * {@code rslc demo} or {@code rslc run --jdbc-url embedded} sees what the first one left.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .start();
            return new EmbeddedDatabase(pg);
        } catch (IOException | RuntimeException e) {
            throw new RslcException(RslcException.ErrorCode.WAREHOUSE, "cannot start the embedded PostgreSQL in "
                    + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the server is stopping anyway; nothing to recover
        }
    }
}
