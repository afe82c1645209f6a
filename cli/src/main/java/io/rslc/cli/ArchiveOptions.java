package io.rslc.cli;

import io.rslc.archive.ArchiveStore;
import io.rslc.archive.S3Clients;
import io.rslc.config.ArchiveLocation;
import java.net.URI;
import java.util.function.Function;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where rslc writes archive files itself (PostgreSQL warehouse): local folders need nothing; s3:// locations use
 * the default AWS credential chain, or an S3-compatible endpoint.
 */
final class ArchiveOptions {

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region of the S3 client for s3:// archives written by rslc (default: ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--s3-endpoint", paramLabel = "URI",
            description = "S3-compatible endpoint (path-style), e.g. http://127.0.0.1:9000; credentials from "
                    + "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.")
    URI s3Endpoint;

    private S3Client client;

    /** Opens stores per location, creating the S3 client on first use. */
    Function<ArchiveLocation, ArchiveStore> stores() {
        return location -> ArchiveStore.open(location,
                location.kind() == ArchiveLocation.Kind.S3 ? s3() : null);
    }

    private synchronized S3Client s3() {
        if (client == null) {
            client = s3Endpoint == null
                    ? S3Clients.standard(s3Region)
                    : S3Clients.forEndpoint(s3Endpoint, s3Region, System.getenv("AWS_ACCESS_KEY_ID"),
                            System.getenv("AWS_SECRET_ACCESS_KEY"));
        }
        return client;
    }
}
