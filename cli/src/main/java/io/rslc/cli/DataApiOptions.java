package io.rslc.cli;

import io.rslc.api.RslcException;
import io.rslc.internal.aws.dataapi.DataApiDataSource;
import io.rslc.internal.aws.dataapi.DataApiTarget;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * The Redshift Data API as the connection ({@code --data-api}), instead of a JDBC URL: a provisioned cluster or a
 * Serverless workgroup, a database, and a login the Data API itself resolves (a secret ARN, a database user for
 * temporary credentials, or the caller's IAM identity). See docs/redshift.md, "Data API".
 */
final class DataApiOptions {

    @Option(names = "--data-api", description = "Redshift: connect through the Redshift Data API (no JDBC, no network "
            + "path to the cluster needed); give --cluster-id or --workgroup, and --database.")
    boolean enabled;

    @Option(names = "--cluster-id", paramLabel = "ID", description = "With --data-api: the provisioned cluster.")
    String clusterId;

    @Option(names = "--workgroup", paramLabel = "NAME", description = "With --data-api: the Serverless workgroup.")
    String workgroup;

    @Option(names = "--database", paramLabel = "NAME", description = "With --data-api: the database.")
    String database;

    @Option(names = "--secret-arn", paramLabel = "ARN", description = "With --data-api: the Secrets Manager secret "
            + "the Data API logs in with (default: your IAM identity).")
    String secretArn;

    @Option(names = "--db-user", paramLabel = "USER", description = "With --data-api and --cluster-id: log in as this "
            + "database user with temporary credentials (redshift:GetClusterCredentials).")
    String dbUser;

    @Option(names = "--data-api-endpoint", paramLabel = "URI", hidden = true,
            description = "Redshift Data API endpoint override (tests).")
    URI endpoint;

    /**
     * The Data API data source if {@code --data-api} was given (close it when done), else null; every
     * contradictory combination is a one-line usage error.
     */
    DataApiDataSource open(ConnectionOptions connection, RunCommand.WarehouseKind warehouse, String region) {
        if (!enabled) {
            String stray = clusterId != null ? "--cluster-id" : workgroup != null ? "--workgroup"
                    : database != null ? "--database" : secretArn != null ? "--secret-arn"
                    : dbUser != null ? "--db-user" : null;
            if (stray != null) {
                throw usage(stray + " goes with --data-api (for JDBC, give --jdbc-url or --secret)");
            }
            return null;
        }
        if (connection.jdbcUrl != null || connection.secret != null) {
            throw usage("--data-api replaces " + (connection.jdbcUrl != null ? "--jdbc-url" : "--secret")
                    + ": give one way to connect (with the Data API, a secret is --secret-arn)");
        }
        if (connection.user != null || connection.passwordEnv != null) {
            throw usage("--data-api takes no --user or --password-env: it logs in with --secret-arn, --db-user or "
                    + "your IAM identity");
        }
        if (warehouse == RunCommand.WarehouseKind.postgresql) {
            throw usage("--data-api is Redshift's: drop --warehouse postgresql");
        }
        return DataApiDataSource.open(new DataApiTarget(clusterId, workgroup, database, secretArn, dbUser), region,
                endpoint);
    }

    private static RslcException usage(String message) {
        return new RslcException(RslcException.ErrorCode.USAGE, message);
    }
}
