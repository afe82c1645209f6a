package io.rslc.cli;

import io.rslc.RslcException;
import picocli.CommandLine.Option;

/** Warehouse connection options shared by commands that touch a database. */
final class ConnectionOptions {

    /** The {@code --jdbc-url} value that means the embedded PostgreSQL. */
    static final String EMBEDDED = "embedded";

    @Option(names = "--jdbc-url", paramLabel = "URL", required = true,
            description = "jdbc:postgresql://host:port/db, or 'embedded' for the embedded PostgreSQL in --embedded-dir.")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "USER", description = "Database user.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Environment variable holding the password (never pass passwords as arguments).")
    String passwordEnv;

    @Option(names = "--embedded-dir", paramLabel = "DIR", defaultValue = "rslc-demo/pgdata",
            description = "Data directory of the embedded PostgreSQL (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path embeddedDir;

    boolean embedded() {
        return EMBEDDED.equalsIgnoreCase(jdbcUrl);
    }

    String password() {
        if (passwordEnv == null) {
            return null;
        }
        String v = System.getenv(passwordEnv);
        if (v == null) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "environment variable " + passwordEnv
                    + " (from --password-env) is not set");
        }
        return v;
    }
}
