package io.rslc.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the Athena DDL per file format: the text is what a user pastes into Athena, so every byte is
 * pinned. The columns are those of one manifest holding every type rslc writes.
 */
class CatalogDdlTest {

    /** One column of every kind rslc's manifests name, with mixed case (catalogs keep lower case). */
    static final List<ManifestColumn> SCHEMA = List.of(
            new ManifestColumn("Id", "bigint", 0, 0),
            new ManifestColumn("d", "date", 0, 0),
            new ManifestColumn("ts", "timestamp without time zone", 0, 0),
            new ManifestColumn("tz", "timestamp with time zone", 0, 0),
            new ManifestColumn("ok", "boolean", 0, 0),
            new ManifestColumn("s", "smallint", 0, 0),
            new ManifestColumn("i", "integer", 0, 0),
            new ManifestColumn("r", "real", 0, 0),
            new ManifestColumn("f", "double precision", 0, 0),
            new ManifestColumn("amt", "numeric", 12, 2),
            new ManifestColumn("raw", "numeric", 0, 0),
            new ManifestColumn("note", "character varying", 0, 0));

    static final List<CatalogPartition> PARTITIONS = List.of(
            new CatalogPartition(List.of("2020-06-10", "1"), "s3://bucket/a/rslc_slice=2020-06-10/rslc_gen=1/"),
            new CatalogPartition(List.of("2020-06-10", "2"), "s3://bucket/a/rslc_slice=2020-06-10/rslc_gen=2/"));

    static Rule rule(UnloadOptions.Builder unload) {
        return Rule.builder().table("s", "a").column("d")
                .unload(unload.location(ArchiveLocation.s3("s3://bucket/a")).build()).build();
    }

    static String ddl(UnloadOptions.Builder unload) {
        CatalogTable t = CatalogTable.of("archive", "s_a", rule(unload), SCHEMA);
        return CatalogDdl.render(t, PARTITIONS);
    }

    static final String PARTITIONS_DDL = """
            ALTER TABLE `archive`.`s_a` ADD IF NOT EXISTS
              PARTITION (`rslc_slice`='2020-06-10', `rslc_gen`=1) LOCATION 's3://bucket/a/rslc_slice=2020-06-10/rslc_gen=1/'
              PARTITION (`rslc_slice`='2020-06-10', `rslc_gen`=2) LOCATION 's3://bucket/a/rslc_slice=2020-06-10/rslc_gen=2/';
            """;

    @Test
    void parquetIsTypedAndReadByName() {
        assertThat(ddl(UnloadOptions.builder().format(FileFormat.PARQUET))).isEqualTo("""
                CREATE EXTERNAL TABLE IF NOT EXISTS `archive`.`s_a` (
                  `id` bigint,
                  `d` date,
                  `ts` timestamp,
                  `tz` timestamp,
                  `ok` boolean,
                  `s` smallint,
                  `i` int,
                  `r` float,
                  `f` double,
                  `amt` decimal(12,2),
                  `raw` string,
                  `note` string
                )
                PARTITIONED BY (
                  `rslc_slice` string,
                  `rslc_gen` int
                )
                ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
                WITH SERDEPROPERTIES (
                  'serialization.format'='1'
                )
                STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
                OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
                LOCATION 's3://bucket/a/'
                TBLPROPERTIES (
                  'classification'='parquet',
                  'rslc.source'='s.a'
                );
                """ + PARTITIONS_DDL);
    }

    @Test
    void textIsLazySimpleWithThePipeAndEmptyNulls() {
        assertThat(ddl(UnloadOptions.builder())).isEqualTo("""
                CREATE EXTERNAL TABLE IF NOT EXISTS `archive`.`s_a` (
                  `id` bigint,
                  `d` date,
                  `ts` timestamp,
                  `tz` string,
                  `ok` string,
                  `s` smallint,
                  `i` int,
                  `r` float,
                  `f` double,
                  `amt` decimal(12,2),
                  `raw` string,
                  `note` string
                )
                PARTITIONED BY (
                  `rslc_slice` string,
                  `rslc_gen` int
                )
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'
                WITH SERDEPROPERTIES (
                  'field.delim'='|',
                  'serialization.format'='|',
                  'serialization.null.format'=''
                )
                STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
                OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
                LOCATION 's3://bucket/a/'
                TBLPROPERTIES (
                  'classification'='csv',
                  'rslc.source'='s.a'
                );
                """ + PARTITIONS_DDL);
    }

    @Test
    void compressedTextWithHeaderEscapeTabAndNullAs() {
        String ddl = ddl(UnloadOptions.builder().compression(Compression.GZIP).header(true).escape(true)
                .delimiter("\t").nullAs("\\N"));
        assertThat(ddl.substring(ddl.indexOf("ROW FORMAT"), ddl.indexOf("ALTER TABLE"))).isEqualTo("""
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'
                WITH SERDEPROPERTIES (
                  'field.delim'='\\t',
                  'serialization.format'='\\t',
                  'escape.delim'='\\\\',
                  'serialization.null.format'='\\\\N'
                )
                STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
                OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
                LOCATION 's3://bucket/a/'
                TBLPROPERTIES (
                  'classification'='csv',
                  'skip.header.line.count'='1',
                  'compressionType'='gzip',
                  'rslc.source'='s.a'
                );
                """);
        assertThat(ddl).contains("  `tz` string,\n  `ok` string,\n").endsWith(PARTITIONS_DDL);
    }

    @Test
    void csvIsOpenCsvSerdeAndAllStrings() {
        String ddl = ddl(UnloadOptions.builder().format(FileFormat.CSV).compression(Compression.ZSTD).delimiter(";"));
        assertThat(ddl).isEqualTo("""
                CREATE EXTERNAL TABLE IF NOT EXISTS `archive`.`s_a` (
                  `id` string,
                  `d` string,
                  `ts` string,
                  `tz` string,
                  `ok` string,
                  `s` string,
                  `i` string,
                  `r` string,
                  `f` string,
                  `amt` string,
                  `raw` string,
                  `note` string
                )
                PARTITIONED BY (
                  `rslc_slice` string,
                  `rslc_gen` int
                )
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                WITH SERDEPROPERTIES (
                  'separatorChar'=';',
                  'quoteChar'='"',
                  'escapeChar'='\\\\'
                )
                STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
                OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
                LOCATION 's3://bucket/a/'
                TBLPROPERTIES (
                  'classification'='csv',
                  'compressionType'='zstd',
                  'rslc.source'='s.a'
                );
                """ + PARTITIONS_DDL);
    }

    @Test
    void jsonIsTheOpenXJsonSerdeAndAllStrings() {
        String ddl = ddl(UnloadOptions.builder().format(FileFormat.JSON).compression(Compression.GZIP));
        assertThat(ddl).contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\n"
                        + "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'\n")
                .contains("  `id` string,\n").contains("  `ok` string,\n").doesNotContain("bigint")
                .contains("'classification'='json'").contains("'compressionType'='gzip'");
    }

    @Test
    void textWithAddQuotesNeedsTheQuoteAwareSerde() {
        String ddl = ddl(UnloadOptions.builder().addQuotes(true).escape(true).compression(Compression.BZIP2));
        assertThat(ddl).contains("ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n"
                        + "WITH SERDEPROPERTIES (\n  'separatorChar'='|',\n  'quoteChar'='\"',\n  'escapeChar'='\\\\'\n)")
                .contains("  `id` string,\n").contains("'compressionType'='bzip2'").doesNotContain("bigint");
    }

    @Test
    void partitionColumnIsAThirdKeyBesideTheColumnItKeepsInTheFiles() {
        Rule rule = rule(UnloadOptions.builder().format(FileFormat.CSV).partitionColumn("D"));
        CatalogTable t = CatalogTable.of("archive", "s_a", rule, SCHEMA);
        String ddl = CatalogDdl.render(t, List.of(new CatalogPartition(List.of("2020-06", "1", "it's 10:00"),
                "s3://bucket/a/rslc_slice=2020-06/rslc_gen=1/D=it%27s 10%3A00/")));
        assertThat(ddl).contains("  `d` string,\n")
                .contains("PARTITIONED BY (\n  `rslc_slice` string,\n  `rslc_gen` int,\n  `rslc_d` string\n)")
                .endsWith("""
                        ALTER TABLE `archive`.`s_a` ADD IF NOT EXISTS
                          PARTITION (`rslc_slice`='2020-06', `rslc_gen`=1, `rslc_d`='it\\'s 10:00') LOCATION 's3://bucket/a/rslc_slice=2020-06/rslc_gen=1/D=it%27s 10%3A00/';
                        """);
    }

    @Test
    void aHundredPartitionsPerStatement() {
        List<CatalogPartition> many = new ArrayList<>();
        for (int g = 1; g <= 250; g++) {
            many.add(new CatalogPartition(List.of("2020-06-10", Integer.toString(g)), "s3://bucket/a/x" + g + "/"));
        }
        List<String> statements = CatalogDdl.addPartitions(
                CatalogTable.of("archive", "s_a", rule(UnloadOptions.builder()), SCHEMA), many);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).split("\n  PARTITION ", -1)).hasSize(101);
        assertThat(statements.get(2).split("\n  PARTITION ", -1)).hasSize(51);
        assertThat(statements.get(2)).contains("`rslc_gen`=250) LOCATION 's3://bucket/a/x250/';");
    }

    @Test
    void identifiersAndLiteralsAreQuoted() {
        assertThat(CatalogDdl.identifier("we`ird")).isEqualTo("`we``ird`");
        assertThat(CatalogDdl.literal("a'b\\c\nd\u0001")).isEqualTo("'a\\'b\\\\c\\nd\\u0001'");
        CatalogTable t = CatalogTable.of("arch`ive", "s_a", rule(UnloadOptions.builder()),
                List.of(new ManifestColumn("we`ird name", "integer", 0, 0)));
        assertThat(CatalogDdl.render(t, List.of())).startsWith(
                "CREATE EXTERNAL TABLE IF NOT EXISTS `arch``ive`.`s_a` (\n  `we``ird name` int\n)");
    }

    @Test
    void namesAreLowerCaseWithUnderscores() {
        assertThat(CatalogTable.nameFor("", new TableName("Sales", "Orders-EU"))).isEqualTo("sales_orders_eu");
        assertThat(CatalogTable.nameFor("rslc_", new TableName("s", "t"))).isEqualTo("rslc_s_t");
    }

    @Test
    void columnsThatDifferOnlyInCaseAreRefused() {
        assertThatThrownBy(() -> CatalogTable.of("archive", "s_a", rule(UnloadOptions.builder()),
                List.of(new ManifestColumn("Id", "bigint", 0, 0), new ManifestColumn("ID", "bigint", 0, 0))))
                .isInstanceOf(RslcException.class).hasMessageContaining("'Id' and 'ID' are the same name");
        assertThatThrownBy(() -> CatalogTable.of("archive", "s_a", rule(UnloadOptions.builder()),
                List.of(new ManifestColumn("rslc_gen", "bigint", 0, 0))))
                .isInstanceOf(RslcException.class).hasMessageContaining("'rslc_gen' and 'rslc_gen'");
    }
}
