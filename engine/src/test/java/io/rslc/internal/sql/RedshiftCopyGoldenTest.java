package io.rslc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Rule;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden tests of the COPY that {@code rslc restore} sends to Redshift, one per format and option. */
class RedshiftCopyGoldenTest {

    private static final String MANIFEST = "s3://bucket/t/rslc_slice=2020-03-21/rslc_gen=1/manifest";
    private static final TableName TARGET = new TableName("test", "ret_test_1_restored");

    private static Rule rule(UnloadOptions.Builder options) {
        return Rule.builder().table("test", "ret_test_1").column("load_date")
                .unload(options.location(ArchiveLocation.s3("s3://bucket/t")).build()).build();
    }

    @Test
    void parquetCopiesByPositionWithTheRoleAndRegion() {
        String sql = new RedshiftSql("arn:aws:iam::123456789012:role/Unload", "us-west-2")
                .copies().copy(rule(UnloadOptions.builder().format(FileFormat.PARQUET)), TARGET, List.of("id", "load_date"),
                        MANIFEST);
        assertThat(sql).isEqualTo("""
                COPY "test"."ret_test_1_restored"
                FROM 's3://bucket/t/rslc_slice=2020-03-21/rslc_gen=1/manifest'
                IAM_ROLE 'arn:aws:iam::123456789012:role/Unload'
                MANIFEST
                FORMAT AS PARQUET
                REGION 'us-west-2'""");
    }

    @Test
    void csvWithHeaderNullAndCompressionReadsBackWhatUnloadWrote() {
        String sql = new RedshiftSql(null, null).copies().copy(rule(UnloadOptions.builder().format(FileFormat.CSV)
                .header(true).nullAs("NULL").compression(Compression.GZIP).region("eu-west-1")), TARGET,
                List.of("id", "we\"ird"), MANIFEST);
        assertThat(sql).isEqualTo("""
                COPY "test"."ret_test_1_restored" ("id", "we""ird")
                FROM 's3://bucket/t/rslc_slice=2020-03-21/rslc_gen=1/manifest'
                IAM_ROLE default
                MANIFEST
                FORMAT AS CSV
                IGNOREHEADER 1
                NULL AS 'NULL'
                GZIP
                REGION 'eu-west-1'""");
    }

    @Test
    void textWithAddQuotesAndEscapeRemovesTheQuotesAndHonoursTheEscapes() {
        String sql = new RedshiftSql(null, null).copies().copy(rule(UnloadOptions.builder().format(FileFormat.TEXT)
                .delimiter("|").addQuotes(true).escape(true).nullAs("\\N").compression(Compression.ZSTD)), TARGET,
                List.of("id"), "s3://bucket/o'brien/manifest");
        assertThat(sql).isEqualTo("""
                COPY "test"."ret_test_1_restored" ("id")
                FROM 's3://bucket/o''brien/manifest'
                IAM_ROLE default
                MANIFEST
                DELIMITER AS '|'
                REMOVEQUOTES
                NULL AS '\\\\N'
                ESCAPE
                ZSTD""");
    }
}
