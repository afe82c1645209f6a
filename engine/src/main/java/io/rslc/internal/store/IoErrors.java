package io.rslc.internal.store;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * File errors in words: NIO's exceptions often carry only the path as their message ({@code /x/y}), which reads
 * as no reason at all once a message already names the file.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** {@code permission denied: /x/y}, {@code no such file or folder: /x}, or the exception's own reason. */
    public static String describe(Exception e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? ": " + f.getFile() : "";
        if (e instanceof AccessDeniedException) {
            return "permission denied" + file;
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder" + file;
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return "not a folder" + file;
        }
        if (e instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + file;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
