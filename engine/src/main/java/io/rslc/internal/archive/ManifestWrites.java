package io.rslc.internal.archive;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.internal.archive.store.DaemonPool;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Writes the manifests of a batch of slices several at once. A batch of 1,005 day slices writes 1,005 small
 * files at its end, while the rows wait to be deleted: one after another that took 0.6-0.7 s on a local disk
 * just filled with the batch's data (creating a file is slow then), and would take a round trip per manifest on
 * S3. Each manifest is still one {@link ArchiveStore#create} of its own; only the waiting overlaps.
 */
final class ManifestWrites {

    static final int THREADS = 8;

    private static final DaemonPool POOL = new DaemonPool("rslc-manifest", THREADS);

    private ManifestWrites() {
    }

    /**
     * Writes every {@code key -> json} and returns once all are written.
     *
     * @throws RslcException the first failure, after every write has finished (written ones stay: they lie in
     *                       attempt folders that the next attempt cleans)
     */
    static void writeAll(ArchiveStore store, Map<String, String> manifests) {
        if (manifests.size() <= 1) {
            manifests.forEach((key, json) -> write(store, key, json));
            return;
        }
        List<Future<?>> running = new ArrayList<>(manifests.size());
        manifests.forEach((key, json) -> running.add(POOL.submit(() -> {
            write(store, key, json);
            return null;
        })));
        DaemonPool.awaitAll(running, cause -> cause instanceof RuntimeException r ? r
                : new RslcException(ErrorCode.ARCHIVE, "cannot write a manifest: " + cause, cause), "manifests");
    }

    /** One manifest: created, written, completed; aborted (no partial manifest stays) if writing fails. */
    static void write(ArchiveStore store, String key, String json) {
        ArchiveOutput out = store.create(key);
        try {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    /**
     * The files of each folder: a file belongs to the folder whose key is the longest prefix of its own that ends
     * at a {@code /} (one pass over the files, instead of a scan of all files per folder).
     */
    static Map<String, List<ArchivedFile>> byFolder(List<ArchivedFile> files, Iterable<String> folders) {
        Map<String, List<ArchivedFile>> out = new HashMap<>();
        for (String folder : folders) {
            out.put(folder, new ArrayList<>());
        }
        for (ArchivedFile f : files) {
            String key = f.key();
            for (int slash = key.lastIndexOf('/'); slash >= 0; slash = key.lastIndexOf('/', slash - 1)) {
                List<ArchivedFile> own = out.get(key.substring(0, slash + 1));
                if (own != null) {
                    own.add(f);
                    break;
                }
            }
        }
        return out;
    }
}
