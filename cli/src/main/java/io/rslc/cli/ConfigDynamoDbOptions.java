package io.rslc.cli;

import io.rslc.internal.aws.DynamoDbConfigTable;
import io.rslc.internal.aws.DynamoDbUri;
import java.net.URI;
import picocli.CommandLine.Option;

/** Which DynamoDB configuration table a {@code rslc config} subcommand works on, and how to reach it. */
final class ConfigDynamoDbOptions {

    @Option(names = "--dynamodb-table", required = true, paramLabel = "NAME",
            description = "The configuration table (the original's --dynamodb_table_name).")
    String table;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the SDK's chain: AWS_REGION, profile, instance metadata).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "DynamoDB endpoint for a local stand-in, e.g. http://127.0.0.1:8000 (DynamoDB Local).")
    URI endpoint;

    /** The table, region and endpoint, checked (a usage error names the mistake). */
    DynamoDbUri uri() {
        return new DynamoDbUri(table, region, endpoint, null, null);
    }

    /** Operations on the table through a new client; close the client with {@link Opened#close()}. */
    Opened open() {
        DynamoDbUri u = uri();
        var client = u.client();
        return new Opened(client, new DynamoDbConfigTable(client, u.table()));
    }

    /** A client and the table it reaches. */
    record Opened(software.amazon.awssdk.services.dynamodb.DynamoDbClient client, DynamoDbConfigTable table)
            implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}
