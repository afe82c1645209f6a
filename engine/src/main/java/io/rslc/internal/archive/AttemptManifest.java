package io.rslc.internal.archive;

import io.rslc.api.ArchiveLocation;
import io.rslc.internal.plan.ArchiveLayout;
import io.rslc.spi.ArchiveStore;
import java.util.function.Function;

/**
 * Where the manifest of a committed slice attempt is: in its own folder, or, for a slice that a Redshift batch
 * archived ({@link ArchiveLayout#batchOf}), the batch's one manifest, narrowed to the slice's files. Verify,
 * restore and the catalog read a slice's files through it, so both layouts read the same.
 *
 * @param store  the store holding the manifest
 * @param key    the manifest's key in it
 * @param folder the attempt folder's URL, ending in {@code /}
 * @param shared true if the manifest is a batch's, listing other slices' files too
 */
public record AttemptManifest(ArchiveStore store, String key, String folder, boolean shared) {

    /** The manifest of the attempt folder the journal recorded as {@code recordedFolder}. */
    public static AttemptManifest of(String recordedFolder, Function<ArchiveLocation, ArchiveStore> stores) {
        String folder = recordedFolder.endsWith("/") ? recordedFolder : recordedFolder + "/";
        String batch = ArchiveLayout.batchOf(folder);
        if (batch == null) {
            return new AttemptManifest(stores.apply(ArchiveLayout.recorded(folder)), ManifestFile.fileName(), folder,
                    false);
        }
        return new AttemptManifest(stores.apply(ArchiveLayout.recorded(batch)), ManifestFile.fileName(), folder, true);
    }

    /** The manifest's full address. */
    public String uri() {
        return store.uri(key);
    }

    /** True if the manifest file can be opened. */
    public boolean exists() {
        try (java.io.InputStream in = store.open(key)) {
            return true;
        } catch (java.io.IOException | io.rslc.api.RslcException e) {
            return false;
        }
    }

    /** The manifest, as far as it lists this attempt's files. */
    public ManifestFile read() {
        ManifestFile m = ManifestFile.read(store, key);
        return shared ? m.within(folder) : m;
    }

    /**
     * Like {@link #read()}, reading a batch's shared manifest once per {@code batches} (by its address) for all the
     * slices of the batch.
     */
    public ManifestFile read(java.util.Map<String, ManifestFile> batches) {
        return shared ? batches.computeIfAbsent(uri(), u -> ManifestFile.read(store, key)).within(folder) : read();
    }
}
