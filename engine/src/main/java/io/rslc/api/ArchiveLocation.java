package io.rslc.api;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where a table's archive lives: an {@code s3://bucket/prefix} folder, or a local folder (a path or a
 * {@code file:} URI) for the PostgreSQL warehouse. The configured {@code s3_path} is always treated as a folder:
 * {@link #root()} ends with {@code /}, so {@code .../t1} never overlaps {@code .../t10}.
 */
public record ArchiveLocation(Kind kind, String root) {

    /** The storage behind the location. */
    public enum Kind { S3, LOCAL }

    public ArchiveLocation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        if (!root.endsWith("/")) {
            throw new IllegalArgumentException("root must end with '/': " + root);
        }
    }

    /** An S3 folder; {@code uri} must start with {@code s3://}. */
    public static ArchiveLocation s3(String uri) {
        return new ArchiveLocation(Kind.S3, uri.endsWith("/") ? uri : uri + "/");
    }

    /** A local folder, made absolute. */
    public static ArchiveLocation local(Path folder) {
        String abs = folder.toAbsolutePath().normalize().toString();
        return new ArchiveLocation(Kind.LOCAL, abs.endsWith("/") ? abs : abs + "/");
    }

    /** The S3 bucket; only for {@link Kind#S3}. */
    public String bucket() {
        requireS3();
        String rest = root.substring("s3://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    /** The S3 key prefix of the folder ({@code ""} or {@code a/b/}); only for {@link Kind#S3}. */
    public String keyPrefix() {
        requireS3();
        String rest = root.substring("s3://".length());
        return rest.substring(rest.indexOf('/') + 1);
    }

    /** The local folder; only for {@link Kind#LOCAL}. */
    public Path folder() {
        if (kind != Kind.LOCAL) {
            throw new IllegalStateException("not a local archive: " + root);
        }
        return Paths.get(root);
    }

    /** This location with {@code child} (a relative folder, ending in {@code /}) appended. */
    public ArchiveLocation resolve(String child) {
        String c = child.endsWith("/") ? child : child + "/";
        return new ArchiveLocation(kind, root + c);
    }

    private void requireS3() {
        if (kind != Kind.S3) {
            throw new IllegalStateException("not an S3 archive: " + root);
        }
    }

    @Override
    public String toString() {
        return root;
    }
}
