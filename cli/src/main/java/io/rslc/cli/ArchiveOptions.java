package io.rslc.cli;

import io.rslc.api.ArchiveLocation;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.aws.s3.S3ArchiveStores;
import io.rslc.internal.aws.s3.S3Clients;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.ArchiveStoreProvider;
import java.net.URI;
import java.util.function.Function;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where rslc writes archive files itself (PostgreSQL warehouse): local folders need nothing; s3:// locations use
 * the default AWS credential chain, or an S3-compatible endpoint; a rule's {@code unload_region} gets a client of
 * that region (--s3-region is the default).
 */
final class ArchiveOptions {

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region of the S3 client for s3:// archives written by rslc (default: ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--s3-endpoint", paramLabel = "URI",
            description = "S3-compatible endpoint (path-style), e.g. http://127.0.0.1:9000; credentials from "
                    + "aws.accessKeyId / aws.secretAccessKey or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.")
    URI s3Endpoint;

    /** Opens S3 locations with the configured client, made on first use. */
    ArchiveStoreProvider s3() {
        return new ArchiveStoreProvider() {
            private S3ArchiveStores stores;

            @Override
            public boolean supports(ArchiveLocation location) {
                return location.kind() == ArchiveLocation.Kind.S3;
            }

            @Override
            public synchronized ArchiveStore open(ArchiveLocation location) {
                if (stores == null) {
                    stores = new S3ArchiveStores(client(s3Region), ArchiveOptions.this::client);
                }
                return stores.open(location);
            }
        };
    }

    /** The S3 client for a region: AWS's, or the S3-compatible endpoint's (signing for that region). */
    private S3Client client(String region) {
        return s3Endpoint == null ? S3Clients.standard(region)
                : S3Clients.forEndpoint(s3Endpoint, region, credential("aws.accessKeyId", "AWS_ACCESS_KEY_ID"),
                        credential("aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY"));
    }

    /** As the SDK's default chain looks: the system property first, then the environment variable. */
    private static String credential(String property, String variable) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(variable);
    }

    /** Opens stores per location, creating the S3 client on first use. */
    Function<ArchiveLocation, ArchiveStore> stores() {
        return ArchiveStores.using(java.util.List.of(s3()));
    }
}
