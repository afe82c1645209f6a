package io.rslc.internal.config;

import java.util.List;

/**
 * The configuration field names, in the original CSV's column order. The DynamoDB attribute names are the same.
 */
public final class RuleFields {
    public static final String SCHEMA_NAME = "schema_name";
    public static final String TABLE_NAME = "table_name";
    public static final String COLUMN_NAME = "column_name";
    public static final String GRANULARITY_LEVEL = "granularity_level";
    public static final String RETENTION_PERIOD = "retention_period";
    public static final String S3_PATH = "s3_path";
    public static final String FILE_FORMAT = "file_format";
    public static final String PARTITION_COLUMN = "partition_column";
    public static final String HEADER = "header";
    public static final String DELIMITER = "delimiter";
    public static final String ADD_QUOTES = "add_quotes";
    public static final String NULL_AS = "null_as";
    public static final String ESCAPE = "escape";
    public static final String COMPRESSION = "compression";
    public static final String MAX_FILESIZE = "max_filesize";
    public static final String PARALLEL = "parallel";
    public static final String UNLOAD_REGION = "unload_region";
    public static final String PRIORITY = "priority";
    public static final String UPDATE_DELETE_FLAG = "update_delete_flag";
    public static final String CHECKPOINT = "checkpoint";

    public static final String ENCRYPTED = "encrypted";
    public static final String KMS_KEY_ID = "kms_key_id";
    public static final String EXTENSION = "extension";
    public static final String ROW_GROUP_SIZE = "row_group_size";

    public static final String MAINTENANCE_POLICY = "maintenance";
    public static final String VACUUM_MODE = "vacuum_mode";
    public static final String VACUUM_TO_PERCENT = "vacuum_to_percent";
    public static final String VACUUM_BOOST = "vacuum_boost";
    public static final String VACUUM_UNSORTED_PCT = "vacuum_unsorted_pct";
    public static final String VACUUM_DELETED_PCT = "vacuum_deleted_pct";
    public static final String ANALYZE_MODE = "analyze_mode";
    public static final String ANALYZE_STATS_OFF_PCT = "analyze_stats_off_pct";

    /** Optional columns rslc adds after the original's: per-rule maintenance overrides (docs/configuration.md). */
    public static final List<String> MAINTENANCE = List.of(MAINTENANCE_POLICY, VACUUM_MODE, VACUUM_TO_PERCENT, VACUUM_BOOST,
            VACUUM_UNSORTED_PCT, VACUUM_DELETED_PCT, ANALYZE_MODE, ANALYZE_STATS_OFF_PCT);

    /** Optional UNLOAD options rslc adds after the original's columns (docs/configuration.md). */
    public static final List<String> UNLOAD_EXTRAS = List.of(ENCRYPTED, KMS_KEY_ID, EXTENSION, ROW_GROUP_SIZE);

    /** All fields of the original's format, in its CSV column order. */
    public static final List<String> ORIGINAL = List.of(SCHEMA_NAME, TABLE_NAME, COLUMN_NAME, GRANULARITY_LEVEL,
            RETENTION_PERIOD, S3_PATH, FILE_FORMAT, PARTITION_COLUMN, HEADER, DELIMITER, ADD_QUOTES, NULL_AS, ESCAPE,
            COMPRESSION, MAX_FILESIZE, PARALLEL, UNLOAD_REGION, PRIORITY, UPDATE_DELETE_FLAG, CHECKPOINT);

    /** Every field rslc knows: the original's, the extra UNLOAD options, then the maintenance overrides. */
    public static final List<String> KNOWN = java.util.stream.Stream.of(ORIGINAL, UNLOAD_EXTRAS, MAINTENANCE)
            .flatMap(List::stream).toList();

    /** The fields kept as DynamoDB attributes: the original's and the extra UNLOAD options. */
    public static final List<String> IN_DYNAMODB = java.util.stream.Stream.concat(ORIGINAL.stream(),
            UNLOAD_EXTRAS.stream()).toList();

    /** Fields the original's DynamoDB loader stored as numbers (N); all others are strings (S). */
    public static final List<String> NUMERIC_IN_DYNAMODB = List.of(HEADER, ADD_QUOTES, ESCAPE, PARALLEL);

    /** Fields a row cannot do without. */
    public static final List<String> REQUIRED = List.of(SCHEMA_NAME, TABLE_NAME, COLUMN_NAME, GRANULARITY_LEVEL,
            RETENTION_PERIOD, PRIORITY, UPDATE_DELETE_FLAG);

    private RuleFields() {
    }
}
