package io.rslc.internal.archive.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a local archive's reads, writes and deletes inside its root folder: a symbolic link below the root (a
 * slice folder, a batch folder or a file replaced by a link, by accident or by someone else on the machine) is
 * never followed, so rslc never writes, truncates, reads or deletes through it, whatever user it runs as. The root
 * itself may be a link (an archive on another disk). Checked before every operation; the files themselves are
 * opened without following links ({@code O_NOFOLLOW}) as well.
 */
final class LinkGuard {

    private final Path root;

    LinkGuard(Path root) {
        this.root = root;
    }

    /** Throws if {@code path} or a folder between it and the root is a symbolic link. */
    void check(Path path) throws IOException {
        for (Path p = path; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new FileSystemException(p.toString(), null, "is a symbolic link inside the archive, which "
                        + "rslc never follows (remove it, or point the rule's s3_path at the real folder)");
            }
        }
    }
}
