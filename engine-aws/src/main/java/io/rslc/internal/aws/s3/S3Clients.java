package io.rslc.internal.aws.s3;

import io.rslc.spi.ArchiveStore;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 clients an {@link ArchiveStore} needs: AWS with the default credential chain, or an
 * S3-compatible server (s3proxy, MinIO) at a fixed endpoint. Both use the small JDK URL-connection HTTP client,
 * chosen explicitly because several HTTP clients are on the class path.
 */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * A client for AWS S3 with the default credential and (if {@code region} is null) region chains. Cross-region
     * access is on: a bucket in another region than the client's (a rule's {@code unload_region}) is reached in
     * its own region, after S3's redirect, instead of failing with a 301.
     */
    public static S3Client standard(String region) {
        S3ClientBuilder b = S3Client.builder().httpClientBuilder(ApacheHttpClient.builder())
                .crossRegionAccessEnabled(true);
        if (region != null && !region.isBlank()) {
            b.region(Region.of(region));
        }
        return b.build();
    }

    /**
     * A client for an S3-compatible server: path-style addressing, static credentials, and checksums only where
     * S3 requires them (servers other than AWS often lag behind the SDK's newer default checksums).
     */
    public static S3Client forEndpoint(URI endpoint, String region, String accessKey, String secretKey) {
        return S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
