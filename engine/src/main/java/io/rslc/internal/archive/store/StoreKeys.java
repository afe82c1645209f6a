package io.rslc.internal.archive.store;

import io.rslc.spi.ArchiveStore;

/** Checks the relative keys and folders handed to an {@link ArchiveStore}, so no key escapes the root. */
public final class StoreKeys {

    private StoreKeys() {
    }

    /** A file key: relative, not empty, no {@code .}/{@code ..}/empty segments, not ending in {@code /}. */
    public static String file(String key) {
        check(key, key == null || key.isEmpty() || key.endsWith("/"), "file");
        return key;
    }

    /** A folder key: {@code ""} (the root) or relative and ending in {@code /}. */
    public static String folder(String key) {
        check(key, key == null || (!key.isEmpty() && !key.endsWith("/")), "folder");
        return key;
    }

    private static void check(String key, boolean badShape, String what) {
        if (badShape || key.startsWith("/") || key.contains("\\") || key.contains("//")) {
            throw new IllegalArgumentException("not a relative " + what + " key: " + key);
        }
        for (String part : key.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("key must not contain '.' or '..' segments: " + key);
            }
        }
    }
}
