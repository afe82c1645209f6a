package io.rslc.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DynamoDbUriTest {

    @Test
    void parsesTableRegionEndpointAndLeases() {
        DynamoDbUri u = DynamoDbUri.parse("dynamodb://rs_config?region=eu-west-1&endpoint=http%3A%2F%2F127.0.0.1%3A8000"
                + "&leases=my_leases&lease_seconds=90");
        assertThat(u).isEqualTo(new DynamoDbUri("rs_config", "eu-west-1", URI.create("http://127.0.0.1:8000"),
                "my_leases", java.time.Duration.ofSeconds(90)));
        assertThat(u.source()).isEqualTo("dynamodb://rs_config");
        assertThat(u.leaseTableOrDefault()).isEqualTo("my_leases");
        DynamoDbUri plain = DynamoDbUri.parse("DynamoDB://rs_config");
        assertThat(plain.region()).isNull();
        assertThat(plain.endpoint()).isNull();
        assertThat(plain.leaseTableOrDefault()).isEqualTo("rs_config_leases");
        assertThat(DynamoDbUri.parse("dynamodb://t.x-1?endpoint=http://127.0.0.1:8000").endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:8000"));
    }

    @Test
    void rejectsMistakesWithUsageErrors() {
        assertUsage("dynamodb://?region=us-east-1", "not a valid DynamoDB table name");
        assertUsage("dynamodb://a b", "not a valid DynamoDB table name");
        assertUsage("dynamodb://cfg?regoin=us-east-1", "unknown parameter 'regoin'");
        assertUsage("dynamodb://cfg?region=mars", "not an AWS region");
        assertUsage("dynamodb://cfg?endpoint=127.0.0.1:8000", "must be an http:// or https:// URL");
        assertUsage("s3://cfg", "expected dynamodb://TABLE");
        assertUsage("dynamodb://cfg?lease_seconds=0", "lease_seconds must be a whole number of seconds");
        assertUsage("dynamodb://cfg?lease_seconds=ten", "lease_seconds must be a whole number of seconds");
    }

    private static void assertUsage(String uri, String fragment) {
        assertThatThrownBy(() -> DynamoDbUri.parse(uri)).isInstanceOf(RslcException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.USAGE));
    }
}
