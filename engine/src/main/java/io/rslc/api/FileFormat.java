package io.rslc.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The archive file format. A blank {@code file_format} means {@link #TEXT}: Redshift's pipe-delimited text.
 */
public enum FileFormat {
    /** Delimited text, {@code |} by default; no FORMAT clause in UNLOAD. */
    TEXT,
    /** Comma-separated values with RFC 4180 quoting ({@code FORMAT CSV}). */
    CSV,
    /** Apache Parquet, Snappy-compressed ({@code FORMAT PARQUET}). */
    PARQUET,
    /** JSON lines: one JSON object per row, keyed by column name ({@code FORMAT JSON}). */
    JSON;

    /** Parses blank (TEXT), {@code text}, {@code csv}, {@code parquet}, {@code json}, any case; empty if unknown. */
    public static Optional<FileFormat> parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.of(TEXT);
        }
        try {
            return Optional.of(valueOf(t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
