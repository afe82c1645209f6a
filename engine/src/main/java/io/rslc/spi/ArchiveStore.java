package io.rslc.spi;

import io.rslc.api.RslcException;
import io.rslc.api.UnloadOptions;
import java.io.InputStream;
import java.util.List;

/**
 * A folder of archive files, local or in S3, so the archiver and the readers never care where the files live.
 * Files are addressed by keys relative to the folder, always with {@code /} separators, e.g.
 * {@code rslc_slice=2020-03-21/rslc_gen=1/0000_part_00.parquet}. Folder arguments are keys ending in {@code /}.
 * Every failure is an {@link RslcException} with code {@code ARCHIVE} whose message names the file and the reason;
 * messages never contain credentials.
 */
public interface ArchiveStore {

    /**
     * Starts writing a file, replacing any file at the key. The file is complete when the stream is closed;
     * after a failure call {@link ArchiveOutput#abort()} instead, so no partial file (or S3 multipart upload) is
     * left behind.
     */
    ArchiveOutput create(String key);

    /** All files under a folder ({@code ""} for the whole store), recursively, sorted by key. */
    List<StoredFile> list(String folder);

    /** Reads a file. */
    InputStream open(String key);

    /** Removes every file under a folder; nothing happens if there is none. The folder must not be the root. */
    void deleteFolder(String folder);

    /**
     * Removes one file; nothing happens if there is none. Used by {@code rslc verify --clean-orphans} for files
     * that no committed slice's manifest lists; stores that cannot delete single files keep the default.
     */
    default void delete(String key) {
        throw new UnsupportedOperationException("this archive store cannot delete single files: " + uri(key));
    }

    /**
     * Returns once every file completed so far is durable, before the rows it holds are deleted: a local store
     * fsyncs files and their folders; S3 objects are durable when their upload completes, so this does nothing.
     */
    default void sync() {
    }

    /**
     * This store as a rule's archive is written: in the rule's {@code unload_region} and with its server-side
     * encryption ({@code encrypted}, {@code kms_key_id}). Stores without regions or encryption (local folders)
     * return themselves, the default.
     */
    default ArchiveStore forWriting(UnloadOptions options) {
        return this;
    }

    /** The full address of a key for manifests and logs: {@code s3://bucket/prefix/key} or a local path. */
    String uri(String key);
}
