package io.rslc.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a table's archive lives: an {@code s3://bucket/prefix} folder, or a local folder (a path or a
 * {@code file:} URI) for the PostgreSQL warehouse. The configured {@code s3_path} is always treated as a folder:
 * {@link #root()} ends with {@code /}, so {@code .../t1} never overlaps {@code .../t10}. {@link #parse} is the one
 * reading of a configured {@code s3_path}, shared by every rule store and so by {@code run}, {@code plan} and
 * {@code config validate}.
 */
public record ArchiveLocation(Kind kind, String root) {

    /** A scheme as URIs spell it ({@code s3:}, {@code s3a:}, {@code http:}); two letters or more, so not a drive. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]+):.*", Pattern.DOTALL);
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

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

    /**
     * Reads a configured {@code s3_path}: {@code s3://bucket/prefix} (S3's bucket naming rules), or a local folder
     * said explicitly, as an absolute path or a {@code file:///absolute/path} URI. Anything that looks like a URI
     * (a scheme such as {@code s3:}, {@code s3a:}, {@code http:}, or a {@code ://}) must be one of those, and a
     * relative path is refused: it would land wherever rslc happens to run.
     *
     * @param text the configured value, without surrounding spaces
     * @throws IllegalArgumentException with the reason, written to follow the field's name
     *                                  ({@code s3_path: must be ...}); the message never repeats {@code text}
     */
    public static ArchiveLocation parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("contains a control character");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://")) {
            return s3("s3://" + s3Folder(text.substring(5)));
        }
        var scheme = SCHEME.matcher(text);
        if (scheme.matches() || text.contains("://")) {
            String name = scheme.matches() ? scheme.group(1).toLowerCase(Locale.ROOT) : "";
            if (name.equals("file")) {
                return local(withoutDotDot(fileUri(text)));
            }
            if (name.equals("s3")) {
                throw new IllegalArgumentException("looks like an S3 location but is not s3://bucket/prefix "
                        + "(two slashes after 's3:', then the bucket)");
            }
            throw new IllegalArgumentException("must be s3://bucket/prefix, or a local folder as an absolute path or "
                    + "file:///absolute/path" + (name.isEmpty() ? "" : "; the scheme '" + name + ":' is not supported"));
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid local path (" + e.getReason() + ")");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("is a relative path, which would be resolved against the folder rslc "
                    + "runs in; write an absolute path (/archive/x) or file:///archive/x for a local folder, or "
                    + "s3://bucket/prefix");
        }
        return local(withoutDotDot(path));
    }

    /**
     * A local folder with a {@code ..} segment is refused: rslc would resolve it by name, the file system through
     * links, and the archive could land elsewhere than the operator reads it (the S3 form refuses it too).
     */
    private static Path withoutDotDot(Path path) {
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("contains a '..' segment; write the folder it means as an absolute "
                        + "path without '..'");
            }
        }
        return path;
    }

    /** {@code bucket[/prefix]} after {@code s3://}, checked against S3's bucket naming rules. */
    private static String s3Folder(String rest) {
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("must be s3://bucket/prefix; the bucket name is missing");
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()
                || bucket.startsWith("xn--") || bucket.endsWith("-s3alias") || bucket.endsWith("--ol-s3")) {
            throw new IllegalArgumentException("must be s3://bucket/prefix with a valid bucket name: 3 to 63 "
                    + "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, not "
                    + "an IP address");
        }
        if (prefix.contains("//") || prefix.startsWith("/") || prefix.equals("..") || prefix.startsWith("../")
                || prefix.contains("/../") || prefix.endsWith("/..")
                || prefix.equals(".") || prefix.startsWith("./") || prefix.contains("/./") || prefix.endsWith("/.")) {
            throw new IllegalArgumentException("must be s3://bucket/prefix without empty, '.' or '..' folders in the "
                    + "prefix");
        }
        return bucket + "/" + prefix;
    }

    /** The absolute path a {@code file:} URI names. */
    private static Path fileUri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.isOpaque()) {
                throw new IllegalArgumentException("is a relative file: URI; write file:///absolute/path");
            }
            if (uri.getAuthority() != null) {
                throw new IllegalArgumentException("names a host in its file: URI; write file:///absolute/path "
                        + "(three slashes)");
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid file: URI (" + e.getReason() + " at index "
                    + e.getIndex() + "); write file:///absolute/path with %20 for a space, or the absolute path itself");
        }
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
