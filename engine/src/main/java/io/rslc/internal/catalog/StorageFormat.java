package io.rslc.internal.catalog;

import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a catalog reads an archive's files: the SerDe with its parameters, the Hadoop input and output formats, and
 * the table properties that go with them. Chosen from the rule's UNLOAD options so that the reader undoes exactly
 * what rslc's writer did (docs/catalog.md has the table):
 * <ul>
 *   <li>PARQUET: ParquetHiveSerDe, typed columns read by name.</li>
 *   <li>TEXT: LazySimpleSerDe with the delimiter, {@code \} as escape when ESCAPE is on, and the NULL AS text
 *       (empty by default) as its null format; typed columns where Hive parses rslc's spelling.</li>
 *   <li>TEXT with ADDQUOTES, and CSV: OpenCSVSerde (quotes), every column a string: it has no null format and
 *       reads every value as text.</li>
 *   <li>JSON: the OpenX JsonSerDe (Athena's), keys matched to column names, every column a string (booleans are
 *       written {@code "t"}/{@code "f"}).</li>
 * </ul>
 * Compression is found by readers from the file suffix ({@code .gz}, {@code .zst}, {@code .bz2}); the table
 * property {@code compressionType} only records it. HEADER becomes {@code skip.header.line.count}.
 *
 * @param serializationLibrary the SerDe class
 * @param inputFormat          the Hadoop input format class
 * @param outputFormat         the Hadoop output format class
 * @param serdeParameters      the SerDe's parameters, in the order they are printed
 * @param compressed           whether the data files are compressed (besides Parquet's own compression)
 * @param tableParameters      the table properties this format needs, in the order they are printed
 */
public record StorageFormat(String serializationLibrary, String inputFormat, String outputFormat,
                            Map<String, String> serdeParameters, boolean compressed,
                            Map<String, String> tableParameters) {

    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    public StorageFormat {
        serdeParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(serdeParameters));
        tableParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tableParameters));
    }

    /** The storage of a rule's archive files. */
    public static StorageFormat of(UnloadOptions o) {
        Map<String, String> serde = new LinkedHashMap<>();
        Map<String, String> table = new LinkedHashMap<>();
        if (o.format() == FileFormat.PARQUET) {
            serde.put("serialization.format", "1");
            table.put("classification", "parquet");
            return new StorageFormat(PARQUET_SERDE, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", serde, false, table);
        }
        if (o.format() == FileFormat.JSON) {
            table.put("classification", "json");
            boolean compressed = o.compression() != Compression.NONE;
            if (compressed) {
                table.put("compressionType", o.compression().name().toLowerCase(Locale.ROOT));
            }
            return new StorageFormat(JSON_SERDE, TEXT_INPUT, TEXT_OUTPUT, serde, compressed, table);
        }
        boolean csv = o.format() == FileFormat.CSV;
        String delimiter = o.delimiter() == null ? (csv ? "," : "|") : o.delimiter();
        String library;
        if (csv || o.addQuotes()) {
            library = OPEN_CSV_SERDE;
            serde.put("separatorChar", delimiter);
            serde.put("quoteChar", "\"");
            // opencsv's escape: "\"" is a quote, "\\" a backslash (TEXT ESCAPE writes both); see docs/catalog.md
            serde.put("escapeChar", "\\");
        } else {
            library = LAZY_SIMPLE_SERDE;
            serde.put("field.delim", delimiter);
            serde.put("serialization.format", delimiter);
            if (o.escape()) {
                serde.put("escape.delim", "\\");
            }
            serde.put("serialization.null.format", o.nullAs() == null ? "" : o.nullAs());
        }
        table.put("classification", "csv");
        if (o.header()) {
            table.put("skip.header.line.count", "1");
        }
        boolean compressed = o.compression() != Compression.NONE;
        if (compressed) {
            table.put("compressionType", o.compression().name().toLowerCase(Locale.ROOT));
        }
        return new StorageFormat(library, TEXT_INPUT, TEXT_OUTPUT, serde, compressed, table);
    }

    /** How the columns' types are read. */
    HiveTypes.Reader reader() {
        return switch (serializationLibrary) {
            case PARQUET_SERDE -> HiveTypes.Reader.PARQUET;
            case LAZY_SIMPLE_SERDE -> HiveTypes.Reader.DELIMITED;
            default -> HiveTypes.Reader.STRINGS;
        };
    }
}
