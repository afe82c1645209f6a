package io.rslc.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import io.rslc.api.TableName;
import io.rslc.spi.TableLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Two workers' {@link DynamoDbTableLeases} on one lease table in DynamoDB Local, with a clock the test moves. */
class DynamoDbTableLeasesIT {

    private static final TableName T = new TableName("test", "ret_test_1");
    /** Far enough ahead that DynamoDB Local's TTL sweeper (which uses the real clock) never deletes a test lease. */
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        client = DynamoDbLocal.shared().client();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    /** A settable clock. */
    static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private static DynamoDbTableLeases worker(String leaseTable, String id, Clock clock) {
        return DynamoDbTableLeases.builder().client(client).leaseTable(leaseTable).holderId(id).clock(clock).build();
    }

    private static Map<String, AttributeValue> leaseItem(String leaseTable) {
        return client.getItem(b -> b.tableName(leaseTable).consistentRead(true)
                .key(Map.of("lease_key", AttributeValue.fromS(T.toString())))).item();
    }

    @Test
    void createsTheLeaseTableOnDemandWithTtl() {
        String config = DynamoDbLocal.uniqueTable("cfg");
        DynamoDbTableLeases a = DynamoDbTableLeases.builder().client(client).configTable(config).build();
        assertThat(a.leaseTable()).isEqualTo(config + "_leases");
        assertThat(a.holderId()).matches(".+/\\d+/[0-9a-f]{8}");
        try (TableLeases.Lease lease = a.tryAcquire(T)) {
            assertThat(lease).isNotNull();
            var table = client.describeTable(b -> b.tableName(config + "_leases")).table();
            assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(table.keySchema()).singleElement().satisfies(k -> assertThat(k.attributeName())
                    .isEqualTo("lease_key"));
            assertThat(client.describeTimeToLive(b -> b.tableName(config + "_leases")).timeToLiveDescription())
                    .satisfies(t -> {
                        assertThat(t.attributeName()).isEqualTo("expires_at");
                        assertThat(t.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
                    });
            Map<String, AttributeValue> item = leaseItem(config + "_leases");
            assertThat(item.get("holder").s()).startsWith(a.holderId() + "#");
            assertThat(Long.parseLong(item.get("expires_at").n())).isGreaterThan(Instant.now().getEpochSecond());
        }
        assertThat(leaseItem(config + "_leases")).isEmpty();
    }

    @Test
    void twoHoldersNeverShareATable() {
        String leases = DynamoDbLocal.uniqueTable("leases");
        TestClock clock = new TestClock();
        DynamoDbTableLeases a = worker(leases, "a", clock);
        DynamoDbTableLeases b = worker(leases, "b", clock);
        TableLeases.Lease held = a.tryAcquire(T);
        assertThat(held).isNotNull();
        assertThat(b.tryAcquire(T)).isNull();
        assertThat(a.tryAcquire(T)).as("not re-entrant, even for the same worker").isNull();
        assertThat(b.tryAcquire(new TableName("test", "ret_test_2"))).as("other tables are free").isNotNull();
        held.close();
        assertThat(b.tryAcquire(T)).as("free again once released").isNotNull();
    }

    @Test
    void renewKeepsTheLeaseAliveAndExpiryHandsItOver() {
        String leases = DynamoDbLocal.uniqueTable("leases");
        TestClock clock = new TestClock();
        DynamoDbTableLeases a = worker(leases, "a", clock);
        DynamoDbTableLeases b = worker(leases, "b", clock);
        TableLeases.Lease lease = a.tryAcquire(T);
        assertThat(Long.parseLong(leaseItem(leases).get("expires_at").n()))
                .isEqualTo(T0.plus(DynamoDbTableLeases.DEFAULT_DURATION).getEpochSecond());

        clock.advance(Duration.ofMinutes(9));
        lease.renew();
        clock.advance(Duration.ofMinutes(9));
        assertThat(b.tryAcquire(T)).as("renewed at 9 min, so still held at 18 min").isNull();

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        TableLeases.Lease taken = b.tryAcquire(T);
        assertThat(taken).as("expired at 19 min: taken over").isNotNull();
        assertThat(leaseItem(leases).get("holder").s()).startsWith("b#");

        assertThatThrownBy(lease::renew).isInstanceOf(RslcException.class).hasMessageContaining("lease lost")
                .hasMessageContaining(T.toString());
        lease.close();
        assertThat(leaseItem(leases).get("holder").s()).as("closing a lost lease leaves the new holder's").startsWith("b#");
        assertThat(worker(leases, "c", clock).tryAcquire(T)).isNull();
        taken.renew();
        taken.close();
        assertThat(leaseItem(leases)).isEmpty();
    }

    @Test
    void durationIsConfigurable() {
        String leases = DynamoDbLocal.uniqueTable("leases");
        TestClock clock = new TestClock();
        DynamoDbTableLeases a = DynamoDbTableLeases.builder().client(client).leaseTable(leases).holderId("a")
                .clock(clock).duration(Duration.ofSeconds(30)).build();
        a.tryAcquire(T);
        clock.advance(Duration.ofSeconds(31));
        assertThat(worker(leases, "b", clock).tryAcquire(T)).isNotNull();
    }

    @Test
    void aMissingLeaseTableIsAnErrorWhenCreationIsOff() {
        DynamoDbTableLeases a = DynamoDbTableLeases.builder().client(client).leaseTable("no_leases_here")
                .createTable(false).build();
        assertThatThrownBy(() -> a.tryAcquire(T)).isInstanceOf(RslcException.class)
                .hasMessageContaining("lease table no_leases_here does not exist");
    }

    @Test
    void fromUriUsesTheConfigTablesNameAndEndpoint() {
        String config = DynamoDbLocal.uniqueTable("cfg");
        try (DynamoDbTableLeases a = DynamoDbTableLeases.fromUri(DynamoDbLocal.shared().uri(config))) {
            assertThat(a.leaseTable()).isEqualTo(config + "_leases");
            assertThat(a.tryAcquire(T)).isNotNull();
        }
        try (DynamoDbTableLeases a = DynamoDbTableLeases.fromUri(DynamoDbLocal.shared().uri(config) + "&leases=xyz")) {
            assertThat(a.leaseTable()).isEqualTo("xyz");
        }
    }
}
