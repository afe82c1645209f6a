package io.rslc.internal.archive.store;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An archive in a local folder (the PostgreSQL warehouse's archive, and the demo's). The files and folders it
 * creates are owner-only (0600 and 0700 on POSIX file systems, whatever the umask): archived rows are readable by
 * rslc's user alone. Folders that already exist keep their permissions; share an archive by giving its root
 * folder to a group and reading it as that user (docs/archive.md).
 */
public final class LocalArchiveStore implements ArchiveStore {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] FOLDER = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
            : new FileAttribute<?>[0];
    private static final FileAttribute<?>[] FILE = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];

    private final Path root;
    private final Fsyncs fsyncs;
    private final LinkGuard links;

    public LocalArchiveStore(ArchiveLocation location) {
        this(location, new Fsyncs());
    }

    public LocalArchiveStore(ArchiveLocation location, Fsyncs fsyncs) {
        this.root = location.folder();
        this.fsyncs = fsyncs;
        this.links = new LinkGuard(root);
    }

    @Override
    public ArchiveOutput create(String key) {
        Path path = path(StoreKeys.file(key));
        try {
            links.check(path.getParent());
            Files.createDirectories(path.getParent(), FOLDER);
            links.check(path);
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            OutputStream file = Channels.newOutputStream(Files.newByteChannel(path, options, FILE));
            return new LocalOutput(path, new BufferedOutputStream(file, 1 << 16), this);
        } catch (IOException e) {
            throw failure("cannot write", path, e);
        }
    }

    @Override
    public List<StoredFile> list(String folder) {
        Path start = path(StoreKeys.folder(folder));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<StoredFile> files = new ArrayList<>();
        // "root/." so that a root that is a link is walked (the walk follows no link below it)
        try (Stream<Path> walk = Files.walk(start.equals(root) ? root.resolve(".") : start)) {
            links.check(start);
            walk.map(Path::normalize).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> files.add(new StoredFile(key(p), size(p))));
        } catch (IOException | UncheckedIOException e) {
            throw failure("cannot list", start, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
        files.sort(Comparator.comparing(StoredFile::key));
        return files;
    }

    @Override
    public InputStream open(String key) {
        Path path = path(StoreKeys.file(key));
        try {
            links.check(path);
            return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw failure("cannot read", path, e);
        }
    }

    @Override
    public void deleteFolder(String folder) {
        if (StoreKeys.folder(folder).isEmpty()) {
            throw new IllegalArgumentException("refusing to delete the whole archive " + root);
        }
        Path start = path(folder);
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(start)) {
            links.check(start.getParent());
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw failure("cannot delete", p, e);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw failure("cannot delete", start, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    @Override
    public void delete(String key) {
        Path p = path(StoreKeys.file(key));
        try {
            links.check(p.getParent());
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw failure("cannot delete", p, e);
        }
    }

    @Override
    public void sync() {
        fsyncs.await();
    }

    /**
     * A completed file is fsynced with every folder from its own up to the root and the root's parent: any of
     * them may have been created by an earlier, failed attempt that never synced (the set keeps each once).
     */
    private void completed(Path file) {
        fsyncs.file(file);
        Path top = root.getParent();
        for (Path d = file.getParent(); d != null; d = d.getParent()) {
            fsyncs.folder(d);
            if (d.equals(top) || !d.startsWith(root)) {
                break;
            }
        }
    }

    @Override
    public String uri(String key) {
        return path(key).toString();
    }

    private Path path(String key) {
        return key.isEmpty() ? root : root.resolve(key);
    }

    private String key(Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code cannot write /x/y: permission denied}. */
    static RslcException failure(String action, Path path, IOException e) {
        return new RslcException(ErrorCode.ARCHIVE, action + " " + path + ": " + reason(e, path), e);
    }

    private static String reason(IOException e, Path path) {
        String detail = e instanceof FileSystemException f && f.getFile() != null
                && !f.getFile().equals(path.toString()) ? f.getFile() : null;
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (e instanceof NotDirectoryException) {
            why = "not a folder";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "a file is in the way";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason().toLowerCase(Locale.ROOT);
        } else {
            why = String.valueOf(e.getMessage());
        }
        return detail == null ? why : why + " (" + detail + ")";
    }

    /** Writes straight to the final path; abort deletes it; a completed file starts its fsync ({@link Fsyncs}). */
    private static final class LocalOutput extends ArchiveOutput {
        private final Path path;
        private final OutputStream out;
        private final LocalArchiveStore store;
        private long written;
        private boolean done;

        LocalOutput(Path path, OutputStream out, LocalArchiveStore store) {
            this.path = path;
            this.out = out;
            this.store = store;
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
                written++;
            } catch (IOException e) {
                throw failure("cannot write", path, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
                written += len;
            } catch (IOException e) {
                throw failure("cannot write", path, e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw failure("cannot write", path, e);
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
            done = true;
            try {
                out.close();
            } catch (IOException e) {
                abortQuietly();
                throw failure("cannot write", path, e);
            }
            store.completed(path);
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            abortQuietly();
        }

        private void abortQuietly() {
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is deleted below anyway
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort: the attempt folder is cleared before the next attempt
            }
        }
    }
}
