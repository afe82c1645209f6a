package io.rslc.internal.aws;

import io.rslc.api.RslcException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Warehouse connection details read from the Secrets Manager secret the original Glue job used ({@code --secret}):
 * a JSON SecretString with {@code host}, {@code port}, {@code database} (or {@code dbname}), {@code username},
 * {@code password} and optionally {@code engine}. Lets rslc run with the same secret, so no password is ever
 * passed on a command line. {@link #toString()} and every error message leave the password (and every other
 * value of the secret) out; messages name the secret id and the missing or malformed key only.
 *
 * <p>IAM authentication (Redshift only): a secret without {@code password} that names the cluster
 * ({@code dbClusterIdentifier}, the key of the secrets Redshift itself creates) or a serverless {@code workgroup}
 * gives the driver's IAM URL, {@code jdbc:redshift:iam://host:port/db?ClusterID=c&DbUser=u[&Region=r]} (or
 * {@code ?serverlessWorkGroup=w[&Region=r]}), and no password at all: the Redshift JDBC driver gets temporary
 * credentials with the process's AWS credentials (GetClusterCredentials, or Redshift Serverless' GetCredentials).
 * Optional keys: {@code region}, {@code autoCreate} (true: the driver's AutoCreate, creating the user).
 *
 * @param jdbcUrl  {@code jdbc:redshift://host:port/db}, {@code jdbc:postgresql://host:port/db}, or the IAM URL
 * @param user     the database user (null for a serverless IAM login, whose user comes from the IAM identity)
 * @param password the database password (never printed); null with IAM authentication
 */
public record SecretConnection(String jdbcUrl, String user, String password) {

    private static final String IAM_PREFIX = "jdbc:redshift:iam://";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    public SecretConnection {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(IAM_PREFIX)) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    /** True if the driver authenticates with IAM (no password). */
    public boolean iam() {
        return jdbcUrl.startsWith(IAM_PREFIX);
    }

    /**
     * Reads the secret and builds the connection.
     *
     * @param secretId name or ARN of the secret
     * @param engine   {@code redshift} or {@code postgres}/{@code postgresql}; null to use the secret's
     *                 {@code engine} key (and {@code redshift} if the secret has none, as the original assumed)
     * @throws RslcException {@code USAGE} if the secret does not exist or its content is not usable; {@code AWS}
     *                       if Secrets Manager refuses (access denied, KMS) or cannot be reached
     */
    public static SecretConnection fetch(SecretsManagerClient client, String secretId, String engine) {
        Objects.requireNonNull(client, "client");
        if (secretId == null || secretId.isBlank()) {
            throw usage("no secret id given (--secret)");
        }
        String json = secretString(client, secretId);
        Map<String, JsonNode> fields = parse(secretId, json);
        String host = requiredString(secretId, fields, "host");
        int port = port(secretId, fields);
        String database = fields.containsKey("database") ? requiredString(secretId, fields, "database")
                : fields.containsKey("dbname") ? requiredString(secretId, fields, "dbname")
                : missing(secretId, "database", " (or 'dbname')");
        String kind = engine != null && !engine.isBlank() ? engine
                : fields.containsKey("engine") ? requiredString(secretId, fields, "engine") : "redshift";
        String scheme = switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "redshift" -> "redshift";
            case "postgres", "postgresql", "aurora-postgresql" -> "postgresql";
            default -> throw usage("secret '" + secretId + "': engine '" + kind.trim()
                    + "' is not supported; use redshift or postgres");
        };
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String address = hostPart + ":" + port + "/" + database;
        boolean iam = !fields.containsKey("password")
                && (fields.containsKey("dbClusterIdentifier") || fields.containsKey("workgroup"));
        if (iam) {
            if (!scheme.equals("redshift")) {
                throw usage("secret '" + secretId + "': IAM authentication (no password, a dbClusterIdentifier or"
                        + " workgroup) is for Redshift only; engine is " + kind.trim());
            }
            return iam(secretId, fields, address);
        }
        String user = requiredString(secretId, fields, "username");
        String password = requiredString(secretId, fields, "password");
        return new SecretConnection("jdbc:" + scheme + "://" + address, user, password);
    }

    /** The driver's IAM URL for a cluster or a serverless workgroup: its options in the query, no password. */
    private static SecretConnection iam(String secretId, Map<String, JsonNode> fields, String address) {
        StringBuilder url = new StringBuilder(IAM_PREFIX).append(address);
        String user = null;
        if (fields.containsKey("dbClusterIdentifier")) {
            url.append("?ClusterID=").append(name(secretId, fields, "dbClusterIdentifier"));
            user = requiredString(secretId, fields, "username");
            url.append("&DbUser=").append(java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8));
            JsonNode autoCreate = fields.get("autoCreate");
            if (autoCreate != null && autoCreate.isBoolean() && autoCreate.asBoolean()) {
                url.append("&AutoCreate=true");
            }
        } else {
            url.append("?serverlessWorkGroup=").append(name(secretId, fields, "workgroup"));
        }
        if (fields.containsKey("region")) {
            String region = requiredString(secretId, fields, "region").trim();
            if (!REGION.matcher(region).matches()) {
                throw usage("secret '" + secretId + "': key 'region' must be an AWS region such as us-east-1");
            }
            url.append("&Region=").append(region);
        }
        return new SecretConnection(url.toString(), user, null);
    }

    /** A cluster identifier or workgroup name: letters, digits and hyphens (so it needs no escaping in the URL). */
    private static String name(String secretId, Map<String, JsonNode> fields, String key) {
        String v = requiredString(secretId, fields, key).trim();
        if (!NAME.matcher(v).matches()) {
            throw usage("secret '" + secretId + "': key '" + key + "' must be letters, digits and hyphens");
        }
        return v;
    }

    /** Everything but the password. */
    @Override
    public String toString() {
        return "SecretConnection[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null ? "none (IAM)" : "***") + "]";
    }

    private static String secretString(SecretsManagerClient client, String secretId) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(b -> b.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw usage("secret '" + secretId + "' not found in Secrets Manager"
                    + region(client) + "; check --secret and the region");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (AwsErrors.isAccessDenied(e)) {
                throw new RslcException(RslcException.ErrorCode.AWS, "access denied reading secret '" + secretId
                        + "'" + region(client) + ": allow secretsmanager:GetSecretValue on it (and kms:Decrypt if"
                        + " it is encrypted with a customer managed key)", e);
            }
            if ("DecryptionFailure".equals(code)) {
                throw new RslcException(RslcException.ErrorCode.AWS, "cannot decrypt secret '" + secretId
                        + "': allow kms:Decrypt on its KMS key", e);
            }
            throw AwsErrors.aws("cannot read secret '" + secretId + "'" + region(client), e);
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot reach Secrets Manager to read secret '" + secretId + "'", e);
        }
        if (response.secretString() == null) {
            throw usage("secret '" + secretId + "' has no SecretString (a binary secret); store the connection as"
                    + " JSON with host, port, database, username and password");
        }
        return response.secretString();
    }

    /** The JSON object; the parser's own message is dropped because it can quote the secret's text. */
    private static Map<String, JsonNode> parse(String secretId, String json) {
        JsonNode node;
        try {
            node = JsonNode.parser().parse(json);
        } catch (RuntimeException e) {
            throw usage("secret '" + secretId + "' is not valid JSON; its SecretString must be a JSON object with"
                    + " host, port, database, username and password");
        }
        if (node == null || !node.isObject()) {
            throw usage("secret '" + secretId + "' is not a JSON object; its SecretString must be a JSON object"
                    + " with host, port, database, username and password");
        }
        return node.asObject();
    }

    private static String requiredString(String secretId, Map<String, JsonNode> fields, String key) {
        JsonNode v = fields.get(key);
        if (v == null || v.isNull()) {
            return missing(secretId, key, "");
        }
        if (!v.isString()) {
            throw usage("secret '" + secretId + "': key '" + key + "' must be a string");
        }
        if (v.asString().isBlank()) {
            throw usage("secret '" + secretId + "': key '" + key + "' is empty");
        }
        return v.asString();
    }

    private static int port(String secretId, Map<String, JsonNode> fields) {
        JsonNode v = fields.get("port");
        if (v == null || v.isNull()) {
            return missing(secretId, "port", "");
        }
        String text = v.isNumber() ? v.asNumber() : v.isString() ? v.asString().trim() : null;
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("secret '" + secretId + "': key 'port' must be a whole number between 1 and 65535");
    }

    private static <T> T missing(String secretId, String key, String alternative) {
        throw usage("secret '" + secretId + "' has no '" + key + "' key" + alternative
                + "; expected JSON keys: host, port, database (or dbname), username, password, engine (optional);"
                + " for IAM authentication on Redshift, dbClusterIdentifier (or workgroup) instead of password");
    }

    private static String region(SecretsManagerClient client) {
        var region = client.serviceClientConfiguration().region();
        return region == null ? "" : " (region " + region.id() + ")";
    }

    private static RslcException usage(String message) {
        return new RslcException(RslcException.ErrorCode.USAGE, message);
    }
}
