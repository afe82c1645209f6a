package io.rslc.internal.aws;

import io.rslc.api.RslcException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the DynamoDB, Secrets Manager, Glue and Redshift Data API clients rslc uses when it is given a region and (for local stand-ins
 * such as DynamoDB Local) an endpoint instead of a ready client. Every client gets the SDK's standard retry
 * strategy with more attempts than the default, so throttling slows a run down instead of failing it, and the
 * small JDK HTTP client, chosen explicitly because several HTTP clients are on the class path.
 */
public final class AwsClients {

    /** Attempts per call (1 + retries) under the standard strategy: rides out throttling bursts. */
    static final int MAX_ATTEMPTS = 10;

    /** Credentials used with an explicit endpoint when no AWS credentials are in the environment. */
    static final String LOCAL_ACCESS_KEY = "rslclocal";

    private AwsClients() {
    }

    /**
     * A DynamoDB client.
     *
     * @param region   AWS region, or null for the SDK's region chain (AWS_REGION, profile, instance metadata)
     * @param endpoint null for AWS; else e.g. {@code http://127.0.0.1:8000} for DynamoDB Local
     */
    public static DynamoDbClient dynamoDb(String region, URI endpoint) {
        return configure(DynamoDbClient.builder(), region, endpoint, "DynamoDB");
    }

    /**
     * A Secrets Manager client.
     *
     * @param region   AWS region, or null for the SDK's region chain
     * @param endpoint null for AWS; else a compatible endpoint
     */
    public static SecretsManagerClient secretsManager(String region, URI endpoint) {
        return configure(SecretsManagerClient.builder(), region, endpoint, "Secrets Manager");
    }

    /**
     * A Glue client ({@code rslc catalog}).
     *
     * @param region   AWS region, or null for the SDK's region chain
     * @param endpoint null for AWS; else a compatible endpoint (tests)
     */
    public static GlueClient glue(String region, URI endpoint) {
        return configure(GlueClient.builder(), region, endpoint, "Glue");
    }

    /**
     * A Redshift Data API client ({@code --data-api}).
     *
     * @param region   AWS region of the cluster or workgroup, or null for the SDK's region chain
     * @param endpoint null for AWS; else a compatible endpoint (tests)
     */
    public static RedshiftDataClient redshiftData(String region, URI endpoint) {
        return configure(RedshiftDataClient.builder(), region, endpoint, "Redshift Data API");
    }

    /**
     * The SDK's standard retry strategy with {@link #MAX_ATTEMPTS} attempts. Throttling keeps the SDK's throttling
     * backoff (exponential from 1 s, up to 20 s); other retryable failures (5xx, connection errors) back off from
     * 100 ms up to 2 s, so an unreachable endpoint fails in about 10 s instead of half a minute.
     */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .build();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, String region, URI endpoint, String service) {
        builder.httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(retryStrategy()));
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.trim()));
        } else if (endpoint != null) {
            builder.region(Region.US_EAST_1);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint).credentialsProvider(localCredentials());
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "cannot set up the " + service + " client: "
                    + (region == null ? "no AWS region found; pass one (--region, or region=R in a dynamodb:// URI)"
                    + " or set AWS_REGION" : e.getMessage()), e);
        }
    }

    /** With an explicit endpoint: the environment's AWS credentials if set, else fixed dummy ones. */
    static AwsCredentialsProvider localCredentials() {
        String id = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_ACCESS_KEY));
    }
}
