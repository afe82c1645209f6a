package io.rslc.cli;

import io.rslc.api.RslcException;
import picocli.CommandLine.Option;

/** Warehouse connection options shared by commands that touch a database. */
final class ConnectionOptions {

    /** The {@code --jdbc-url} value that means the embedded PostgreSQL. */
    static final String EMBEDDED = "embedded";

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "jdbc:redshift://host:port/db, jdbc:redshift:iam://... (IAM authentication by the Redshift "
                    + "driver, no password), jdbc:postgresql://host:port/db, or 'embedded' for the embedded "
                    + "PostgreSQL in --embedded-dir. Not needed with --secret.")
    String jdbcUrl;

    @Option(names = "--secret", paramLabel = "NAME_OR_ARN",
            description = "AWS Secrets Manager secret with host, port, database, username, password (the original "
                    + "job's secret); builds the JDBC URL for --warehouse (default: the secret's engine). Without "
                    + "password but with dbClusterIdentifier or workgroup: Redshift IAM authentication.")
    String secret;

    @Option(names = "--secrets-endpoint", paramLabel = "URI", hidden = true,
            description = "Secrets Manager endpoint override (tests).")
    java.net.URI secretsEndpoint;

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

    /**
     * The JDBC URL, user and password to use: from --secret, or from --jdbc-url/--user/--password-env.
     *
     * @param engine {@code postgresql}, {@code redshift}, or null to follow the secret
     */
    Login resolve(String region, String engine) {
        if (secret != null) {
            try (var client = io.rslc.internal.aws.AwsClients.secretsManager(region, secretsEndpoint)) {
                var c = io.rslc.internal.aws.SecretConnection.fetch(client, secret, engine);
                return new Login(c.jdbcUrl(), c.user(), c.password());
            }
        }
        if (jdbcUrl == null) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "give --jdbc-url URL (or 'embedded') or --secret NAME");
        }
        return new Login(jdbcUrl, user, password());
    }

    /** Where and as whom to connect; the password is never part of {@link #toString()} (null with IAM). */
    record Login(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Login[" + jdbcUrl.replaceAll(io.rslc.internal.warehouse.SqlStates.SECRET_URL_OPTION, "$1***")
                    + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
        }
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
