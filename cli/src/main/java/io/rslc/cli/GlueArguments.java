package io.rslc.cli;

import io.rslc.api.RslcException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * The original Glue job's arguments, so a scheduler that ran it can run {@code rslc run} with the same list:
 * {@code --region_name}, {@code --dynamodb_table_name}, {@code --secret} (see {@link ConnectionOptions}),
 * {@code --role_arn} (an alias of {@code --role-arn}) and {@code --redshift_schema}, accepted and ignored: rslc
 * installs nothing in the warehouse.
 */
final class GlueArguments {

    @Option(names = "--region_name", paramLabel = "REGION",
            description = "AWS region of the DynamoDB table and the secret; also the default UNLOAD region.")
    String regionName;

    @Option(names = "--dynamodb_table_name", paramLabel = "TABLE",
            description = "The original job's DynamoDB configuration table (same as --config dynamodb://TABLE).")
    String dynamodbTable;

    @Option(names = "--redshift_schema", paramLabel = "SCHEMA",
            description = "Accepted for compatibility and ignored: nothing is installed in the warehouse.")
    String redshiftSchema;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URI", hidden = true,
            description = "DynamoDB endpoint override for --dynamodb_table_name (tests, DynamoDB Local).")
    String dynamodbEndpoint;

    /** {@code --config}, or {@code dynamodb://TABLE?region=R} from the Glue arguments. */
    String configSource(String config) {
        if (config != null && dynamodbTable != null) {
            throw new RslcException(RslcException.ErrorCode.USAGE,
                    "give either --config or --dynamodb_table_name, not both");
        }
        if (config != null) {
            return config;
        }
        if (dynamodbTable == null) {
            throw new RslcException(RslcException.ErrorCode.USAGE,
                    "give --config FILE|dynamodb://TABLE, or --dynamodb_table_name TABLE --region_name R");
        }
        StringBuilder uri = new StringBuilder("dynamodb://").append(dynamodbTable);
        char sep = '?';
        if (regionName != null) {
            uri.append(sep).append("region=").append(URLEncoder.encode(regionName, StandardCharsets.UTF_8));
            sep = '&';
        }
        if (dynamodbEndpoint != null) {
            uri.append(sep).append("endpoint=").append(URLEncoder.encode(dynamodbEndpoint, StandardCharsets.UTF_8));
        }
        return uri.toString();
    }
}
