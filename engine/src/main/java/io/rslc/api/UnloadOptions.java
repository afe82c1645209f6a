package io.rslc.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The archive options of a rule, named after Redshift's UNLOAD parameters. Values are already validated and
 * normalised: options that the format ignores (HEADER with PARQUET, ...) are cleared when the rule is read, so
 * renderers and writers can trust what they see.
 *
 * @param location        the archive folder; null for delete-only rules
 * @param format          file format
 * @param partitionColumn column for Hive-style {@code col=value/} folders, or null
 * @param header          write a header line (delimited formats)
 * @param delimiter       field delimiter (delimited formats), null for the format's default
 * @param addQuotes       quote every field (TEXT only)
 * @param nullAs          the text written for NULL (delimited formats), null for the format's default
 * @param escape          escape delimiter, quotes, newlines and backslash with a backslash (TEXT only)
 * @param compression     compression of delimited files
 * @param maxFileSize     roll to a new file beyond this size, or null for the warehouse's default
 * @param parallel        Redshift's PARALLEL (on unless the rule says 0)
 * @param region          the bucket's region, or null for the job's region
 */
public record UnloadOptions(
        ArchiveLocation location,
        FileFormat format,
        String partitionColumn,
        boolean header,
        String delimiter,
        boolean addQuotes,
        String nullAs,
        boolean escape,
        Compression compression,
        MaxFileSize maxFileSize,
        boolean parallel,
        String region) {

    public UnloadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
    }

    /** Options for a rule that archives nothing. */
    public static UnloadOptions none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ArchiveLocation> locationIfAny() {
        return Optional.ofNullable(location);
    }

    /** A copy of these options with a different archive location (e.g. the demo's local folder). */
    public UnloadOptions withLocation(ArchiveLocation newLocation) {
        return new UnloadOptions(newLocation, format, partitionColumn, header, delimiter, addQuotes, nullAs, escape,
                compression, maxFileSize, parallel, region);
    }

    /** Builder for {@link UnloadOptions}; defaults are TEXT, no compression, PARALLEL ON. */
    public static final class Builder {
        private ArchiveLocation location;
        private FileFormat format = FileFormat.TEXT;
        private String partitionColumn;
        private boolean header;
        private String delimiter;
        private boolean addQuotes;
        private String nullAs;
        private boolean escape;
        private Compression compression = Compression.NONE;
        private MaxFileSize maxFileSize;
        private boolean parallel = true;
        private String region;

        private Builder() {
        }

        public Builder location(ArchiveLocation v) { this.location = v; return this; }
        public Builder format(FileFormat v) { this.format = v; return this; }
        public Builder partitionColumn(String v) { this.partitionColumn = v; return this; }
        public Builder header(boolean v) { this.header = v; return this; }
        public Builder delimiter(String v) { this.delimiter = v; return this; }
        public Builder addQuotes(boolean v) { this.addQuotes = v; return this; }
        public Builder nullAs(String v) { this.nullAs = v; return this; }
        public Builder escape(boolean v) { this.escape = v; return this; }
        public Builder compression(Compression v) { this.compression = v; return this; }
        public Builder maxFileSize(MaxFileSize v) { this.maxFileSize = v; return this; }
        public Builder parallel(boolean v) { this.parallel = v; return this; }
        public Builder region(String v) { this.region = v; return this; }

        public UnloadOptions build() {
            return new UnloadOptions(location, format, partitionColumn, header, delimiter, addQuotes, nullAs, escape,
                    compression, maxFileSize, parallel, region);
        }
    }
}
