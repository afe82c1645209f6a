package io.rslc.internal.archive.store;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.ArchiveStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Opens the {@link ArchiveStore} behind an archive location: local folders are built in; any other location
 * (S3) goes to the first {@link ArchiveStoreProvider} that supports it, those given explicitly before those found
 * by {@link ServiceLoader} (the {@code rslc-engine-aws} module registers S3).
 */
public final class ArchiveStores {

    private ArchiveStores() {
    }

    /**
     * The store behind an archive location.
     *
     * @param provider opens non-local locations; may be null (then the providers on the classpath are asked)
     */
    public static ArchiveStore open(ArchiveLocation root, ArchiveStoreProvider provider) {
        return using(provider == null ? List.of() : List.of(provider)).apply(root);
    }

    /** Opens stores per location: local folders, then {@code explicit} providers, then those on the classpath. */
    public static Function<ArchiveLocation, ArchiveStore> using(List<ArchiveStoreProvider> explicit) {
        List<ArchiveStoreProvider> providers = new ArrayList<>(explicit);
        return location -> {
            if (location.kind() == ArchiveLocation.Kind.LOCAL) {
                return new LocalArchiveStore(location);
            }
            for (ArchiveStoreProvider p : providers) {
                if (p.supports(location)) {
                    return p.open(location);
                }
            }
            for (ArchiveStoreProvider p : ServiceLoader.load(ArchiveStoreProvider.class,
                    ArchiveStores.class.getClassLoader())) {
                if (p.supports(location)) {
                    synchronized (providers) {
                        providers.add(p); // keep it (and its client) for the next location
                    }
                    return p.open(location);
                }
            }
            throw new RslcException(RslcException.ErrorCode.ARCHIVE, "no archive store can write " + location
                    + ": s3:// locations need the rslc-engine-aws module on the classpath");
        };
    }
}
