package io.rslc.internal.aws.s3;

import io.rslc.api.ArchiveLocation;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.ArchiveStoreProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens {@code s3://} archive locations. Found by {@link java.util.ServiceLoader} with the AWS default credential
 * and region chains (the client is made on first use), or built with a client of the caller's (an S3-compatible
 * endpoint, a region).
 */
public final class S3ArchiveStores implements ArchiveStoreProvider {

    private final String region;
    private final Function<String, S3Client> newRegionClient;
    private final Map<String, S3Client> regionClients = new ConcurrentHashMap<>();
    private S3Client client;

    /**
     * For {@link java.util.ServiceLoader}: AWS S3, default credential and region chains; a rule's
     * {@code unload_region} gets a client of that region.
     */
    public S3ArchiveStores() {
        this.region = null;
        this.newRegionClient = S3Clients::standard;
    }

    /** Stores that use {@code client} for every location, whatever a rule's {@code unload_region}. */
    public S3ArchiveStores(S3Client client) {
        this(client, null);
    }

    /**
     * Stores that use {@code client}, and for a rule with an {@code unload_region} a client of that region made
     * (once per region) by {@code newRegionClient}.
     */
    public S3ArchiveStores(S3Client client, Function<String, S3Client> newRegionClient) {
        this.region = null;
        this.client = client;
        this.newRegionClient = newRegionClient;
    }

    @Override
    public boolean supports(ArchiveLocation location) {
        return location.kind() == ArchiveLocation.Kind.S3;
    }

    @Override
    public ArchiveStore open(ArchiveLocation location) {
        return new S3ArchiveStore(location, client(), S3ArchiveStore.PART_SIZE, newRegionClient == null ? null
                : r -> regionClients.computeIfAbsent(r, newRegionClient), null);
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = S3Clients.standard(region);
        }
        return client;
    }
}
