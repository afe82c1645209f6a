package io.rslc.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Compression of delimited archive files. Parquet files are always Snappy-compressed, as Redshift writes them.
 */
public enum Compression {
    NONE(""),
    GZIP(".gz"),
    ZSTD(".zst"),
    BZIP2(".bz2");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** File name suffix of a compressed file ({@code .gz}), empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** Parses blank (NONE), {@code gzip}, {@code zstd}, {@code bzip2}, any case; empty if unknown. */
    public static Optional<Compression> parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.of(NONE);
        }
        if (t.equals("NONE")) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
