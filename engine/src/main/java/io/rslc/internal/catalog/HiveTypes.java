package io.rslc.internal.catalog;

import java.util.Locale;

/**
 * The Hive type (as the Glue Data Catalog, Athena and Spectrum spell it) under which a reader gets back an archived
 * column, per how the files are read. The values are those rslc writes (docs/archive.md): a type is only declared
 * where the reader parses rslc's spelling of it; anything else stays {@code string}, which never fails a query.
 */
final class HiveTypes {

    /** How a table's files are read. */
    enum Reader {
        /** Parquet, by column name: every logical type rslc writes maps to a Hive type. */
        PARQUET,
        /** LazySimpleSerDe over TEXT: typed where Hive's text parsing reads rslc's spelling. */
        DELIMITED,
        /** OpenCSVSerde: every column is a string. */
        STRINGS
    }

    private HiveTypes() {
    }

    static String of(ManifestColumn c, Reader reader) {
        if (reader == Reader.STRINGS) {
            return "string";
        }
        String base = c.base().trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "date" -> "date";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            // Parquet: INT64 TIMESTAMP(MICROS, UTC); text: '2020-03-21 08:00:00+00', whose offset Hive cannot parse
            case "timestamptz", "timestamp with time zone" -> reader == Reader.PARQUET ? "timestamp" : "string";
            // text spells booleans t/f, which Hive's text reader does not take
            case "boolean", "bool" -> reader == Reader.PARQUET ? "boolean" : "string";
            case "smallint", "int2" -> "smallint";
            case "integer", "int", "int4" -> "int";
            case "bigint", "int8" -> "bigint";
            case "real", "float4" -> "float";
            case "double precision", "float8", "float" -> "double";
            case "numeric", "decimal" -> c.precision() >= 1 && c.precision() <= 38 && c.scale() >= 0
                    && c.scale() <= c.precision() ? "decimal(" + c.precision() + "," + c.scale() + ")" : "string";
            default -> "string";
        };
    }
}
