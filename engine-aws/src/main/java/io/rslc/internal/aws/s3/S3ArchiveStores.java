package io.rslc.internal.aws.s3;

import io.rslc.api.ArchiveLocation;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.ArchiveStoreProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens {@code s3://} archive locations. Found by {@link java.util.ServiceLoader} with the AWS default credential
 * and region chains (the client is made on first use), or built with a client of the caller's (an S3-compatible
 * endpoint, a region).
 */
public final class S3ArchiveStores implements ArchiveStoreProvider {

    private final String region;
    private S3Client client;

    /** For {@link java.util.ServiceLoader}: AWS S3, default credential and region chains. */
    public S3ArchiveStores() {
        this.region = null;
    }

    /** Stores that use {@code client}. */
    public S3ArchiveStores(S3Client client) {
        this.region = null;
        this.client = client;
    }

    @Override
    public boolean supports(ArchiveLocation location) {
        return location.kind() == ArchiveLocation.Kind.S3;
    }

    @Override
    public ArchiveStore open(ArchiveLocation location) {
        return new S3ArchiveStore(location, client());
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = S3Clients.standard(region);
        }
        return client;
    }
}
