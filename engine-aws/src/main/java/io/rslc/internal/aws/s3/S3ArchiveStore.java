package io.rslc.internal.aws.s3;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.store.StoreKeys;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An archive under an {@code s3://bucket/prefix/} folder. Files are written with streaming multipart uploads (a
 * single PutObject for a small file), with SSE-KMS and the rule's key when the rule says {@code encrypted} 1 and
 * {@code kms_key_id} ({@link #forWriting}), else with the bucket's default encryption.
 */
public final class S3ArchiveStore implements ArchiveStore {

    /** Size of one multipart upload part: a file of up to 10,000 parts (78 GiB) fits, far above 6.2 GB. */
    static final int PART_SIZE = 8 << 20;
    private static final int DELETE_BATCH = 1000;

    private final ArchiveLocation root;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final Function<String, S3Client> regionClients;
    private final String kmsKeyId;

    public S3ArchiveStore(ArchiveLocation root, S3Client s3) {
        this(root, s3, PART_SIZE);
    }

    /** For tests: a smaller part size (S3 itself requires at least 5 MiB for all parts but the last). */
    public S3ArchiveStore(ArchiveLocation root, S3Client s3, int partSize) {
        this(root, s3, partSize, null, null);
    }

    /**
     * @param regionClients the client for a rule's {@code unload_region} ({@link #forWriting}), or null to use
     *                      {@code s3} whatever the region
     * @param kmsKeyId      the SSE-KMS key every file is written with, or null for the bucket's default
     */
    public S3ArchiveStore(ArchiveLocation root, S3Client s3, int partSize, Function<String, S3Client> regionClients,
                          String kmsKeyId) {
        this.root = root;
        this.s3 = s3;
        this.bucket = root.bucket();
        this.prefix = root.keyPrefix();
        this.partSize = partSize;
        this.regionClients = regionClients;
        this.kmsKeyId = kmsKeyId;
    }

    /**
     * The same folder through the client of the rule's {@code unload_region} (when it names one and this store
     * knows how to make clients per region), writing with SSE-KMS and the rule's {@code kms_key_id} when it has
     * one; {@code encrypted auto} and no encryption leave the bucket's default encryption (its default KMS key if
     * it has one), as Redshift's ENCRYPTED AUTO does.
     */
    @Override
    public ArchiveStore forWriting(UnloadOptions options) {
        S3Client client = options.region() != null && regionClients != null ? regionClients.apply(options.region())
                : s3;
        String key = options.encryption() == UnloadOptions.Encryption.KMS_KEY ? options.kmsKeyId() : null;
        return new S3ArchiveStore(root, client, partSize, regionClients, key);
    }

    @Override
    public ArchiveOutput create(String key) {
        return new S3UploadOutput(s3, bucket, prefix + StoreKeys.file(key), uri(key), partSize, kmsKeyId);
    }

    @Override
    public List<StoredFile> list(String folder) {
        List<StoredFile> files = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + StoreKeys.folder(folder)))
                    .contents()) {
                files.add(new StoredFile(o.key().substring(prefix.length()), o.size()));
            }
        } catch (SdkException e) {
            throw failure("cannot list", uri(folder), e);
        }
        return files; // S3 lists in key (UTF-8 byte) order
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(prefix + StoreKeys.file(key)));
        } catch (NoSuchKeyException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot read " + uri(key) + ": no such file", e);
        } catch (SdkException e) {
            throw failure("cannot read", uri(key), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + StoreKeys.file(key)));
        } catch (SdkException e) {
            throw failure("cannot delete", uri(key), e);
        }
    }

    @Override
    public void deleteFolder(String folder) {
        if (StoreKeys.folder(folder).isEmpty()) {
            throw new IllegalArgumentException("refusing to delete the whole archive " + root);
        }
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (StoredFile f : list(folder)) {
            batch.add(ObjectIdentifier.builder().key(prefix + f.key()).build());
            if (batch.size() == DELETE_BATCH) {
                delete(folder, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            delete(folder, batch);
        }
        abortUploads(folder);
    }

    @Override
    public String uri(String key) {
        return root.root() + key;
    }

    private void delete(String folder, List<ObjectIdentifier> keys) {
        DeleteObjectsResponse response;
        try {
            response = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true).build()));
        } catch (SdkException e) {
            throw failure("cannot delete", uri(folder), e);
        }
        if (response.hasErrors() && !response.errors().isEmpty()) {
            var first = response.errors().get(0);
            throw new RslcException(ErrorCode.ARCHIVE, "cannot delete " + root.root() + first.key().substring(prefix.length())
                    + ": " + first.code() + ": " + first.message()
                    + (response.errors().size() > 1 ? " (and " + (response.errors().size() - 1) + " more)" : ""));
        }
    }

    /** Aborts multipart uploads left by a crashed attempt, so their parts stop costing money. */
    private void abortUploads(String folder) {
        try {
            for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix + folder))
                    .uploads()) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
            }
        } catch (SdkException e) {
            throw failure("cannot abort unfinished uploads under", uri(folder), e);
        }
    }

    /** {@code cannot write s3://b/k: AccessDenied (HTTP 403): Access Denied}. */
    static RslcException failure(String action, String uri, RuntimeException e) {
        String reason;
        if (e instanceof S3Exception s && s.awsErrorDetails() != null) {
            reason = s.awsErrorDetails().errorCode() + " (HTTP " + s.statusCode() + ")"
                    + (s.awsErrorDetails().errorMessage() == null ? "" : ": " + s.awsErrorDetails().errorMessage());
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return new RslcException(ErrorCode.ARCHIVE, action + " " + uri + ": " + reason, e);
    }
}
