package io.rslc.internal.aws.s3;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.spi.ArchiveOutput;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Streams a file to S3 holding at most one part in memory. A file that fits in one part is sent with one
 * PutObject; a larger one becomes a multipart upload, aborted if the file is aborted or a request fails.
 * The part buffer grows as data arrives, so many small open files do not each hold a full part.
 */
final class S3UploadOutput extends ArchiveOutput {

    private static final Logger LOG = LoggerFactory.getLogger(S3UploadOutput.class);
    private static final int FIRST_BUFFER = 64 << 10;
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uri;
    private final int partSize;
    private final String kmsKeyId;
    private byte[] buffer;
    private int length;
    private long written;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean done;

    /** @param kmsKeyId the SSE-KMS key to encrypt with, or null for the bucket's default encryption */
    S3UploadOutput(S3Client s3, String bucket, String key, String uri, int partSize, String kmsKeyId) {
        this.kmsKeyId = kmsKeyId;
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.uri = uri;
        this.partSize = partSize;
        this.buffer = new byte[Math.min(FIRST_BUFFER, partSize)];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (done) {
            throw new IllegalStateException("already closed: " + uri);
        }
        while (len > 0) {
            if (length == buffer.length) {
                if (length == partSize) {
                    uploadPart();
                } else {
                    buffer = Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 2));
                }
            }
            int n = Math.min(len, buffer.length - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
            written += n;
        }
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        try {
            if (uploadId == null) {
                s3.putObject(b -> {
                    b.bucket(bucket).key(key);
                    if (kmsKeyId != null) {
                        b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
                    }
                }, body());
            } else {
                if (length > 0) {
                    uploadPart();
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            done = true;
            buffer = null;
        } catch (RslcException e) {
            throw e; // a part failed; already aborted and described
        } catch (RuntimeException e) {
            abort();
            throw S3ArchiveStore.failure("cannot write", uri, e);
        }
    }

    @Override
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        buffer = null;
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                // the next attempt's deleteFolder aborts leftover uploads again
                LOG.warn("could not abort the multipart upload of {}: {}", uri, e.getMessage());
            }
        }
    }

    private void uploadPart() {
        if (parts.size() == MAX_PARTS) {
            abort();
            throw new RslcException(ErrorCode.ARCHIVE, "cannot write " + uri + ": larger than S3's " + MAX_PARTS
                    + " parts of " + partSize + " bytes");
        }
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> {
                    b.bucket(bucket).key(key);
                    if (kmsKeyId != null) {
                        b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
                    }
                }).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) length), body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            length = 0;
        } catch (RuntimeException e) {
            abort();
            throw S3ArchiveStore.failure("cannot write", uri, e);
        }
    }

    /** The buffered bytes, without copying them. */
    private RequestBody body() {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length);
    }
}
