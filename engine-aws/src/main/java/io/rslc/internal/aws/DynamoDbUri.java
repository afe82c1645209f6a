package io.rslc.internal.aws;

import io.rslc.api.RslcException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DynamoDB configuration source as written on a command line:
 * {@code dynamodb://TABLE?region=R&endpoint=http://127.0.0.1:8000&leases=NAME}. Parsed in one place so the rule
 * store, the leases and the CLI read the same URI the same way and reject typos instead of ignoring them.
 *
 * @param table       the configuration table (the original's {@code --dynamodb_table_name})
 * @param region      the AWS region, or null for the SDK's region chain
 * @param endpoint    a local stand-in such as DynamoDB Local, or null for AWS
 * @param leaseTable  the lease table, or null for {@code <table>_leases}
 * @param leaseDuration how long a lease lasts without renewal ({@code lease_seconds=N}), or null for the default
 */
public record DynamoDbUri(String table, String region, URI endpoint, String leaseTable,
                          java.time.Duration leaseDuration) {

    /** The URI scheme, with its separator. */
    public static final String PREFIX = "dynamodb://";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{3,255}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    public DynamoDbUri {
        checkTableName(table, "table");
        if (leaseTable != null) {
            checkTableName(leaseTable, "lease table");
        }
        if (region != null && !REGION.matcher(region).matches()) {
            throw usage("'" + region + "' is not an AWS region such as us-east-1");
        }
        if (endpoint != null && (endpoint.getHost() == null
                || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
            throw usage("the endpoint must be an http:// or https:// URL with a host, got '" + endpoint + "'");
        }
    }

    /**
     * Parses {@code dynamodb://TABLE[?region=R][&endpoint=URL][&leases=NAME][&lease_seconds=N]}.
     *
     * @throws RslcException with {@code USAGE} naming the mistake
     */
    public static DynamoDbUri parse(String uri) {
        if (uri == null || !uri.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw usage("expected dynamodb://TABLE?region=R, got '" + uri + "'");
        }
        String rest = uri.substring(PREFIX.length());
        int q = rest.indexOf('?');
        String table = q < 0 ? rest : rest.substring(0, q);
        if (table.endsWith("/")) {
            table = table.substring(0, table.length() - 1);
        }
        String region = null;
        URI endpoint = null;
        String leases = null;
        java.time.Duration leaseDuration = null;
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "region" -> region = value.isBlank() ? null : value.trim();
                    case "endpoint" -> endpoint = value.isBlank() ? null : endpoint(value.trim());
                    case "leases" -> leases = value.isBlank() ? null : value.trim();
                    case "lease_seconds" -> {
                        if (!value.trim().matches("\\d{1,6}") || Integer.parseInt(value.trim()) < 1) {
                            throw usage("lease_seconds must be a whole number of seconds from 1 to 999999, got '"
                                    + value + "' in '" + uri + "'");
                        }
                        leaseDuration = java.time.Duration.ofSeconds(Integer.parseInt(value.trim()));
                    }
                    default -> throw usage("unknown parameter '" + key + "' in '" + uri
                            + "'; known: region, endpoint, leases, lease_seconds");
                }
            }
        }
        return new DynamoDbUri(table, region, endpoint, leases, leaseDuration);
    }

    /** The lease table: the configured one or {@code <table>_leases}. */
    public String leaseTableOrDefault() {
        return leaseTable != null ? leaseTable : DynamoDbTableLeases.defaultLeaseTable(table);
    }

    /** {@code dynamodb://TABLE}: the name used in messages and problem sources. */
    public String source() {
        return PREFIX + table;
    }

    /** A client for this URI's region and endpoint. */
    public software.amazon.awssdk.services.dynamodb.DynamoDbClient client() {
        return AwsClients.dynamoDb(region, endpoint);
    }

    private static URI endpoint(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw usage("the endpoint must be an http:// or https:// URL with a host, got '" + value + "'");
        }
    }

    private static void checkTableName(String name, String what) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw usage("'" + name + "' is not a valid DynamoDB " + what
                    + " name (3 to 255 characters: letters, digits, '_', '-', '.')");
        }
    }

    private static RslcException usage(String message) {
        return new RslcException(RslcException.ErrorCode.USAGE, message);
    }
}
