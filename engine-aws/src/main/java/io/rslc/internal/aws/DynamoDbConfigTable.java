package io.rslc.internal.aws;

import static io.rslc.internal.config.RuleFields.SCHEMA_NAME;
import static io.rslc.internal.config.RuleFields.TABLE_NAME;

import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The original's configuration table in DynamoDB (partition key {@code schema_name} S, sort key {@code table_name}
 * S): creating it, checking its key, and reading or writing all of its items with pagination, batching and retry
 * of unprocessed items. The rule store, the loader and the exporter share these operations so each is written once.
 */
public final class DynamoDbConfigTable {

    /** Items per BatchWriteItem call: DynamoDB's maximum. */
    static final int BATCH_SIZE = 25;
    /** Calls per batch before unprocessed items fail the write. */
    static final int BATCH_ATTEMPTS = 8;

    private final DynamoDbClient client;
    private final String table;
    private final Integer pageSize;
    private final Duration firstBackoff;

    /** Operations on {@code table} through {@code client} (the caller keeps ownership of the client). */
    public DynamoDbConfigTable(DynamoDbClient client, String table) {
        this(client, table, null, Duration.ofMillis(50));
    }

    DynamoDbConfigTable(DynamoDbClient client, String table, Integer pageSize, Duration firstBackoff) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.pageSize = pageSize;
        this.firstBackoff = firstBackoff;
    }

    /** A copy reading at most {@code items} per Scan/Query page (tests force several pages with it). */
    DynamoDbConfigTable withPageSize(Integer items) {
        return new DynamoDbConfigTable(client, table, items, firstBackoff);
    }

    public String name() {
        return table;
    }

    /** {@code dynamodb://TABLE}, the source name in problems. */
    public String source() {
        return DynamoDbUri.PREFIX + table;
    }

    /** Whether the table exists; if it does, its key must be the original's. */
    public boolean exists() {
        TableDescription d;
        try {
            d = client.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot describe DynamoDB table " + table, e);
        }
        checkKeySchema(d);
        return true;
    }

    private void checkKeySchema(TableDescription d) {
        String hash = null;
        String range = null;
        for (KeySchemaElement k : d.keySchema()) {
            if (k.keyType() == KeyType.HASH) {
                hash = k.attributeName();
            } else if (k.keyType() == KeyType.RANGE) {
                range = k.attributeName();
            }
        }
        boolean stringKeys = d.attributeDefinitions().stream()
                .filter(a -> a.attributeName().equals(SCHEMA_NAME) || a.attributeName().equals(TABLE_NAME))
                .allMatch(a -> a.attributeType() == ScalarAttributeType.S);
        if (!SCHEMA_NAME.equals(hash) || !TABLE_NAME.equals(range) || !stringKeys) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "DynamoDB table " + table
                    + " does not have the configuration key: expected partition key schema_name (S) and sort key"
                    + " table_name (S), found " + hash + (range == null ? "" : " + " + range));
        }
    }

    /** Creates the table (on-demand billing, the original's key) unless it exists; waits until it is ACTIVE. */
    public void create() {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(SCHEMA_NAME)
                                    .attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TABLE_NAME)
                                    .attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(SCHEMA_NAME).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(TABLE_NAME).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException e) {
            // created meanwhile by someone else: wait for it like for ours
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot create DynamoDB table " + table, e);
        }
        awaitActive(client, table);
    }

    /** Waits (up to 5 minutes, polling every 2 s) until {@code name} is ACTIVE. */
    static void awaitActive(DynamoDbClient client, String name) {
        try (DynamoDbWaiter waiter = client.waiter()) {
            var outcome = waiter.waitUntilTableExists(b -> b.tableName(name),
                    w -> w.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(2)))
                            .maxAttempts(150));
            if (outcome.matched().exception().isPresent()) {
                throw new RslcException(RslcException.ErrorCode.AWS, "DynamoDB table " + name
                        + " did not become ACTIVE: " + outcome.matched().exception().get().getMessage());
            }
        } catch (SdkException e) {
            throw AwsErrors.aws("DynamoDB table " + name + " did not become ACTIVE", e);
        }
    }

    /** Every item, following LastEvaluatedKey across pages; consistent reads, so fresh checkpoints are seen. */
    public List<Map<String, AttributeValue>> scanAll() {
        ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
        if (pageSize != null) {
            request.limit(pageSize);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            client.scanPaginator(request.build()).items().forEach(items::add);
        } catch (ResourceNotFoundException e) {
            throw notFound();
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot read DynamoDB table " + table, e);
        }
        return items;
    }

    /** The items of one schema (a Query on the partition key), all pages. */
    public List<Map<String, AttributeValue>> querySchema(String schema) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", SCHEMA_NAME))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(schema)));
        if (pageSize != null) {
            request.limit(pageSize);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            client.queryPaginator(request.build()).items().forEach(items::add);
        } catch (ResourceNotFoundException e) {
            throw notFound();
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot read schema " + schema + " from DynamoDB table " + table, e);
        }
        return items;
    }

    /** Writes (replaces) items, 25 per BatchWriteItem, retrying unprocessed ones with bounded backoff. */
    public void putAll(List<Map<String, AttributeValue>> items) {
        write(items.stream().map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build())
                .build()).toList(), "write");
    }

    /** Deletes the items with these keys, 25 per BatchWriteItem, retrying unprocessed ones. */
    public void deleteAll(List<TableName> keys) {
        write(keys.stream().map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(RuleItems.key(k)).build()).build()).toList(), "delete");
    }

    private void write(List<WriteRequest> requests, String verb) {
        for (int from = 0; from < requests.size(); from += BATCH_SIZE) {
            List<WriteRequest> pending = requests.subList(from, Math.min(requests.size(), from + BATCH_SIZE));
            Duration backoff = firstBackoff;
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new RslcException(RslcException.ErrorCode.AWS, "cannot " + verb + " " + pending.size()
                            + " item(s) of DynamoDB table " + table + " (" + describe(pending)
                            + "): still unprocessed after " + BATCH_ATTEMPTS + " attempts (throttled); items before"
                            + " them were written, run the command again");
                }
                if (attempt > 1) {
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                            ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response;
                try {
                    response = client.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
                } catch (ResourceNotFoundException e) {
                    throw notFound();
                } catch (SdkException e) {
                    throw AwsErrors.aws("cannot " + verb + " items of DynamoDB table " + table + " ("
                            + describe(batch) + ")", e);
                }
                pending = response.unprocessedItems().getOrDefault(table, List.of());
            }
        }
    }

    private static String describe(List<WriteRequest> requests) {
        List<String> names = new ArrayList<>();
        for (WriteRequest r : requests) {
            Map<String, AttributeValue> k = r.putRequest() != null ? r.putRequest().item() : r.deleteRequest().key();
            names.add(RuleItems.text(k.get(SCHEMA_NAME)) + "." + RuleItems.text(k.get(TABLE_NAME)));
            if (names.size() == 5 && requests.size() > 5) {
                names.add("...");
                break;
            }
        }
        return String.join(", ", names);
    }

    private RslcException notFound() {
        String region = client.serviceClientConfiguration().region() == null ? "the configured region"
                : client.serviceClientConfiguration().region().id();
        return new RslcException(RslcException.ErrorCode.USAGE, "DynamoDB table " + table + " not found in "
                + region + "; check the table name and region, or create it with"
                + " `rslc config load --csv FILE --dynamodb-table " + table + " --create-table`");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RslcException(RslcException.ErrorCode.AWS, "interrupted while writing to DynamoDB");
        }
    }
}
