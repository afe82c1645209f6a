package io.rslc.internal.aws.dataapi;

import io.rslc.api.RslcException;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementRequest;

/**
 * Where the Data API runs statements, and as whom: a provisioned cluster or a Serverless workgroup, a database,
 * and a Secrets Manager secret ARN or (clusters only) a database user for temporary credentials; with neither, the
 * caller's IAM identity logs in ({@code GetClusterCredentialsWithIAM} on a cluster, {@code GetCredentials} on a
 * workgroup). Invalid combinations fail at construction with one line that says what to give.
 *
 * @param clusterId a provisioned cluster's identifier, or null
 * @param workgroup a Serverless workgroup's name, or null
 * @param database  the database
 * @param secretArn the secret holding the login (read by the Data API, never by rslc), or null
 * @param dbUser    a database user for temporary credentials (clusters only), or null
 */
public record DataApiTarget(String clusterId, String workgroup, String database, String secretArn, String dbUser) {

    public DataApiTarget {
        clusterId = blankToNull(clusterId);
        workgroup = blankToNull(workgroup);
        database = blankToNull(database);
        secretArn = blankToNull(secretArn);
        dbUser = blankToNull(dbUser);
        if (clusterId == null && workgroup == null) {
            throw usage("--data-api needs --cluster-id ID (a provisioned cluster) or --workgroup NAME (Serverless)");
        }
        if (clusterId != null && workgroup != null) {
            throw usage("--data-api takes --cluster-id or --workgroup, not both");
        }
        if (database == null) {
            throw usage("--data-api needs --database NAME");
        }
        if (secretArn != null && dbUser != null) {
            throw usage("--secret-arn and --db-user are two ways to log in: give one, or neither to log in as your "
                    + "IAM identity");
        }
        if (workgroup != null && dbUser != null) {
            throw usage("--db-user works with --cluster-id only: on a Serverless workgroup log in with --secret-arn "
                    + "or as your IAM identity");
        }
    }

    /** Sets the target and login on the first statement of a session (later ones name the session only). */
    void applyTo(ExecuteStatementRequest.Builder b) {
        b.database(database).clusterIdentifier(clusterId).workgroupName(workgroup).secretArn(secretArn).dbUser(dbUser);
    }

    /** For messages: {@code cluster c1, database dev, db user rslc}; names, never credentials. */
    public String describe() {
        return (clusterId != null ? "cluster " + clusterId : "workgroup " + workgroup) + ", database " + database
                + (secretArn != null ? ", secret " + secretArn : dbUser != null ? ", db user " + dbUser
                : ", IAM identity");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static RslcException usage(String message) {
        return new RslcException(RslcException.ErrorCode.USAGE, message);
    }
}
