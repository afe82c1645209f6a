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
 * @param encryption      server-side encryption asked for beyond S3's default (Redshift's ENCRYPTED)
 * @param kmsKeyId        the KMS key of {@link Encryption#KMS_KEY} (Redshift's KMS_KEY_ID), else null
 * @param extension       the file name extension (Redshift's EXTENSION, without the dot), or null for the format's
 * @param rowGroupSizeMb  Parquet row group size in MB (Redshift's ROWGROUPSIZE, 32..128), or null for the default
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
        String region,
        Encryption encryption,
        String kmsKeyId,
        String extension,
        Integer rowGroupSizeMb) {

    /**
     * Server-side encryption of the archive files. S3 always encrypts (SSE-S3 by default); these ask for AWS KMS.
     */
    public enum Encryption {
        /** No ENCRYPTED option: the bucket's default encryption. */
        NONE,
        /** {@code ENCRYPTED} with {@code KMS_KEY_ID}: SSE-KMS with the rule's key. */
        KMS_KEY,
        /** {@code ENCRYPTED AUTO}: the bucket's default KMS key (SSE-S3 if it has none). */
        AUTO
    }

    public UnloadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(encryption, "encryption");
        if ((encryption == Encryption.KMS_KEY) != (kmsKeyId != null)) {
            throw new IllegalArgumentException("a KMS key id goes with Encryption.KMS_KEY, and only with it");
        }
    }

    /** Options as the original's twenty columns give them, with none of the later options. */
    public UnloadOptions(ArchiveLocation location, FileFormat format, String partitionColumn, boolean header,
                         String delimiter, boolean addQuotes, String nullAs, boolean escape, Compression compression,
                         MaxFileSize maxFileSize, boolean parallel, String region) {
        this(location, format, partitionColumn, header, delimiter, addQuotes, nullAs, escape, compression,
                maxFileSize, parallel, region, Encryption.NONE, null, null, null);
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
                compression, maxFileSize, parallel, region, encryption, kmsKeyId, extension, rowGroupSizeMb);
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
        private Encryption encryption = Encryption.NONE;
        private String kmsKeyId;
        private String extension;
        private Integer rowGroupSizeMb;

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
        /** {@code ENCRYPTED AUTO}. */
        public Builder encryptedAuto() { this.encryption = Encryption.AUTO; this.kmsKeyId = null; return this; }
        /** {@code ENCRYPTED KMS_KEY_ID 'key'}; null for no encryption option. */
        public Builder kmsKeyId(String v) {
            this.encryption = v == null ? Encryption.NONE : Encryption.KMS_KEY;
            this.kmsKeyId = v;
            return this;
        }
        public Builder extension(String v) { this.extension = v; return this; }
        public Builder rowGroupSizeMb(Integer v) { this.rowGroupSizeMb = v; return this; }

        public UnloadOptions build() {
            return new UnloadOptions(location, format, partitionColumn, header, delimiter, addQuotes, nullAs, escape,
                    compression, maxFileSize, parallel, region, encryption, kmsKeyId, extension, rowGroupSizeMb);
        }
    }
}
