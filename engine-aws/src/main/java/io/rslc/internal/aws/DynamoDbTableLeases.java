package io.rslc.internal.aws;

import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import io.rslc.internal.exec.CrashPoints;
import io.rslc.spi.TableLeases;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Table leases in a DynamoDB table, so rslc workers on different machines that share one configuration never work
 * on the same table at once. A lease is an item {@code lease_key = "schema.table"} with its {@code holder} and an
 * {@code expires_at} time (epoch seconds, also the table's TTL attribute); it is taken with a conditional PutItem
 * that succeeds only if no item exists or the existing one has expired, renewed and released only while the holder
 * is still us. A crashed worker's lease simply expires. The lease table is separate from the configuration table,
 * so the original's table and its readers are untouched; it is created on demand with on-demand billing.
 *
 * <p>Why this file is long: taking, renewing (a heartbeat thread) and releasing a lease are one protocol over one
 * item's conditions; split, each part would have to know the others' conditions to stay correct.
 */
public final class DynamoDbTableLeases implements TableLeases, AutoCloseable {

    /** Attribute names of a lease item. */
    static final String KEY = "lease_key";
    static final String HOLDER = "holder";
    static final String EXPIRES_AT = "expires_at";
    static final String ACQUIRED_AT = "acquired_at";

    /** Default lease duration: longer than one slice normally takes; renewed after every slice. */
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTableLeases.class);

    private final DynamoDbClient client;
    private final String leaseTable;
    private final Duration duration;
    private final Clock clock;
    private final String holderId;
    private final boolean createTable;
    private final boolean ownsClient;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean tableReady = new AtomicBoolean();

    private DynamoDbTableLeases(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.leaseTable = Objects.requireNonNull(b.leaseTable, "leaseTable (or configTable)");
        this.duration = Objects.requireNonNull(b.duration, "duration");
        if (duration.getSeconds() < 1) {
            throw new IllegalArgumentException("lease duration must be at least 1 second, got " + duration);
        }
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.holderId = b.holderId != null ? b.holderId : defaultHolderId();
        this.createTable = b.createTable;
        this.ownsClient = b.ownsClient;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Leases for the configuration in {@code dynamodb://TABLE?region=R[&endpoint=URL][&leases=NAME][&lease_seconds=N]}:
     * lease table {@code NAME} or {@code TABLE_leases}, same region and endpoint, {@code N} seconds (default 10
     * minutes). Owns its client.
     */
    public static DynamoDbTableLeases fromUri(String configUri) {
        DynamoDbUri uri = DynamoDbUri.parse(configUri);
        return builder().client(uri.client()).leaseTable(uri.leaseTableOrDefault())
                .duration(uri.leaseDuration() != null ? uri.leaseDuration() : DEFAULT_DURATION).ownsClient(true).build();
    }

    /** {@code <configTable>_leases}. */
    public static String defaultLeaseTable(String configTable) {
        return configTable + "_leases";
    }

    /** The lease table's name. */
    public String leaseTable() {
        return leaseTable;
    }

    /** This worker's holder id prefix ({@code host/pid/random}); each lease appends {@code #n}. */
    public String holderId() {
        return holderId;
    }

    @Override
    public Lease tryAcquire(TableName table) {
        ensureTable();
        String key = table.toString();
        String holder = holderId + "#" + sequence.incrementAndGet();
        Instant now = clock.instant();
        long expires = now.plus(duration).getEpochSecond();
        try {
            CrashPoints.reach("lease-write");
            client.putItem(b -> b.tableName(leaseTable)
                    .item(Map.of(KEY, AttributeValue.fromS(key),
                            HOLDER, AttributeValue.fromS(holder),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(expires)),
                            ACQUIRED_AT, AttributeValue.fromS(now.toString())))
                    .conditionExpression("attribute_not_exists(#k) OR #e < :now")
                    .expressionAttributeNames(Map.of("#k", KEY, "#e", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(
                            now.getEpochSecond())))));
        } catch (ConditionalCheckFailedException e) {
            return null;
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot take the lease of " + table + " in DynamoDB table " + leaseTable, e);
        }
        return new DynamoDbLease(table, holder, expires);
    }

    /** Creates the lease table once per instance if it is missing (and creation is allowed). */
    private void ensureTable() {
        if (tableReady.get()) {
            return;
        }
        synchronized (tableReady) {
            if (tableReady.get()) {
                return;
            }
            try {
                var status = client.describeTable(b -> b.tableName(leaseTable)).table().tableStatus();
                if (status != TableStatus.ACTIVE) {
                    DynamoDbConfigTable.awaitActive(client, leaseTable); // another worker is creating it
                }
            } catch (ResourceNotFoundException e) {
                if (!createTable) {
                    throw new RslcException(RslcException.ErrorCode.USAGE, "lease table " + leaseTable
                            + " does not exist; create it (key lease_key S) or allow rslc to create it");
                }
                create();
            } catch (SdkException e) {
                throw AwsErrors.aws("cannot describe lease table " + leaseTable, e);
            }
            tableReady.set(true);
        }
    }

    private void create() {
        LOG.info("creating DynamoDB lease table {}", leaseTable);
        try {
            client.createTable(b -> b.tableName(leaseTable)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY)
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
        } catch (ResourceInUseException e) {
            // another worker is creating it: wait below
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot create lease table " + leaseTable, e);
        }
        DynamoDbConfigTable.awaitActive(client, leaseTable);
        try {
            client.updateTimeToLive(b -> b.tableName(leaseTable)
                    .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
        } catch (AwsServiceException e) {
            // already enabled by a concurrent creator, or not permitted: expired leases are still taken over
            LOG.debug("TTL not enabled on {}: {}", leaseTable, AwsErrors.reason(e));
        }
    }

    /** Closes the client if this object created it ({@link #fromUri}); held leases are not released. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private static String defaultHolderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
    }

    /** One held lease. */
    private final class DynamoDbLease implements Lease {
        private final TableName table;
        private final String holder;
        private volatile long expiresAt;
        private final AtomicBoolean closed = new AtomicBoolean();

        DynamoDbLease(TableName table, String holder, long expiresAt) {
            this.table = table;
            this.holder = holder;
            this.expiresAt = expiresAt;
        }

        @Override
        public void renew() {
            if (closed.get()) {
                throw new RslcException(RslcException.ErrorCode.AWS, "lease of " + table + " was already released");
            }
            long expires = clock.instant().plus(duration).getEpochSecond();
            try {
                CrashPoints.reach("lease-write");
                client.updateItem(b -> b.tableName(leaseTable)
                        .key(Map.of(KEY, AttributeValue.fromS(table.toString())))
                        .updateExpression("SET #e = :exp")
                        .conditionExpression("#h = :me")
                        .expressionAttributeNames(Map.of("#e", EXPIRES_AT, "#h", HOLDER))
                        .expressionAttributeValues(Map.of(":exp", AttributeValue.fromN(Long.toString(expires)),
                                ":me", AttributeValue.fromS(holder))));
                expiresAt = expires;
            } catch (ConditionalCheckFailedException e) {
                throw new RslcException(RslcException.ErrorCode.AWS, "lease lost: the lease of " + table
                        + " in DynamoDB table " + leaseTable + " expired at " + Instant.ofEpochSecond(expiresAt)
                        + " and was taken over or removed; stopping work on this table");
            } catch (SdkException e) {
                throw AwsErrors.aws("cannot renew the lease of " + table + " in DynamoDB table " + leaseTable, e);
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                client.deleteItem(b -> b.tableName(leaseTable)
                        .key(Map.of(KEY, AttributeValue.fromS(table.toString())))
                        .conditionExpression("#h = :me")
                        .expressionAttributeNames(Map.of("#h", HOLDER))
                        .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(holder))));
            } catch (ConditionalCheckFailedException e) {
                LOG.debug("lease of {} was no longer ours; left in place", table);
            } catch (SdkException e) {
                LOG.warn("could not release the lease of {} in DynamoDB table {} ({}); it expires at {}", table,
                        leaseTable, AwsErrors.reason(e), Instant.ofEpochSecond(expiresAt));
            }
        }

        @Override
        public String toString() {
            return "lease of " + table + " held by " + holder + " until " + Instant.ofEpochSecond(expiresAt);
        }
    }

    /** Options of {@link DynamoDbTableLeases}. */
    public static final class Builder {
        private DynamoDbClient client;
        private String leaseTable;
        private Duration duration = DEFAULT_DURATION;
        private Clock clock = Clock.systemUTC();
        private String holderId;
        private boolean createTable = true;
        private boolean ownsClient;

        private Builder() {
        }

        /** The DynamoDB client; required. */
        public Builder client(DynamoDbClient client) {
            this.client = client;
            return this;
        }

        /** The lease table's name. */
        public Builder leaseTable(String name) {
            this.leaseTable = name;
            return this;
        }

        /** Sets the lease table to {@code <configTable>_leases}. */
        public Builder configTable(String configTable) {
            this.leaseTable = defaultLeaseTable(configTable);
            return this;
        }

        /** How long a lease lasts without renewal (default 10 minutes, at least 1 second). */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** The clock for expiry times (tests inject one). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The holder id prefix (default {@code host/pid/random}). */
        public Builder holderId(String id) {
            this.holderId = id;
            return this;
        }

        /** Whether a missing lease table is created (default true). */
        public Builder createTable(boolean create) {
            this.createTable = create;
            return this;
        }

        /** Whether {@link DynamoDbTableLeases#close()} closes the client (default false). */
        public Builder ownsClient(boolean owns) {
            this.ownsClient = owns;
            return this;
        }

        public DynamoDbTableLeases build() {
            return new DynamoDbTableLeases(this);
        }
    }
}
