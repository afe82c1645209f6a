package io.rslc.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/**
 * Batch writes against DynamoDB Local when DynamoDB hands back UnprocessedItems, as it does under throttling.
 * DynamoDB Local never throttles, so an SDK response interceptor (a hook of the real client, not a mock) rewrites
 * the first responses to report every item of the request as unprocessed; re-putting an item is idempotent.
 */
class DynamoDbConfigTableIT {

    /** Reports all items of the first {@code times} BatchWriteItem calls as unprocessed. */
    static final class Throttle implements ExecutionInterceptor {
        final AtomicInteger remaining;
        final AtomicInteger calls = new AtomicInteger();

        Throttle(int times) {
            remaining = new AtomicInteger(times);
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchWriteItemRequest req
                    && context.response() instanceof BatchWriteItemResponse res) {
                calls.incrementAndGet();
                if (remaining.getAndDecrement() > 0) {
                    return res.toBuilder().unprocessedItems(req.requestItems()).build();
                }
            }
            return context.response();
        }
    }

    private static DynamoDbClient client(Throttle throttle) {
        return DynamoDbClient.builder().endpointOverride(DynamoDbLocal.shared().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(throttle)).build();
    }

    private static List<Map<String, AttributeValue>> items(int n) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(DynamoDbRuleStoreIT.originalItem("s", "t" + i));
        }
        return items;
    }

    @Test
    void unprocessedItemsAreRetriedUntilWritten() {
        Throttle throttle = new Throttle(3);
        try (DynamoDbClient c = client(throttle)) {
            DynamoDbConfigTable t = new DynamoDbConfigTable(c, DynamoDbLocal.uniqueTable("cfg"), null,
                    Duration.ofMillis(1));
            t.create();
            t.putAll(items(30));
            assertThat(throttle.calls.get()).isEqualTo(3 + 2); // first batch: 3 throttled + 1; second batch: 1
            assertThat(t.scanAll()).hasSize(30);
        }
    }

    @Test
    void persistentThrottlingFailsNamingTheItems() {
        Throttle throttle = new Throttle(Integer.MAX_VALUE);
        try (DynamoDbClient c = client(throttle)) {
            DynamoDbConfigTable t = new DynamoDbConfigTable(c, DynamoDbLocal.uniqueTable("cfg"), null,
                    Duration.ofMillis(1));
            t.create();
            assertThatThrownBy(() -> t.putAll(items(3))).isInstanceOf(RslcException.class)
                    .hasMessageContaining("cannot write 3 item(s) of DynamoDB table " + t.name() + " (s.t0, s.t1, s.t2)")
                    .hasMessageContaining("still unprocessed after 8 attempts");
            assertThat(throttle.calls.get()).isEqualTo(DynamoDbConfigTable.BATCH_ATTEMPTS);
        }
    }
}
