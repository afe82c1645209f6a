package io.rslc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.PlannedStatement;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the UNLOAD options rslc added after the original's columns, against the grammar of
 * https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html: {@code FORMAT JSON}, {@code ENCRYPTED} with
 * {@code KMS_KEY_ID}, {@code ENCRYPTED AUTO}, {@code ROWGROUPSIZE}, {@code EXTENSION}, and {@code PARTITION BY ...
 * INCLUDE} with them. (The combinations Redshift refuses are rule errors: {@code UnloadExclusionsTest}.)
 */
class RedshiftUnloadOptionsGoldenTest {

    private static final Slice DAY = Slice.containing(Granularity.DAILY, LocalDate.of(2020, 3, 21));
    private static final RedshiftSql SQL = new RedshiftSql("arn:aws:iam::123456789012:role/Unload", "us-west-2");
    private static final String UNLOAD = "UNLOAD ('SELECT * FROM \"test\".\"ret_test_1\" WHERE \"load_date\" >= "
            + "DATE ''2020-03-21'' AND \"load_date\" < DATE ''2020-03-22''')\n"
            + "TO 's3://bucket/ret_test_1/rslc_slice=2020-03-21/rslc_gen=1/'\n"
            + "IAM_ROLE 'arn:aws:iam::123456789012:role/Unload'\n";

    private static Rule rule(UnloadOptions.Builder options) {
        return Rule.builder().table("test", "ret_test_1").column("load_date")
                .unload(options.location(ArchiveLocation.s3("s3://bucket/ret_test_1")).build()).build();
    }

    private static String unload(UnloadOptions.Builder options) {
        return SQL.transaction(rule(options), List.of(new SlicePlan(DAY, -1, 1, null)), Scan.ONE_SLICE)
                .statements().stream().filter(s -> s.role() == PlannedStatement.Role.ARCHIVE)
                .map(PlannedStatement::sql).findFirst().orElseThrow();
    }

    @Test
    void formatJson() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.JSON))).isEqualTo(UNLOAD + """
                FORMAT JSON
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'us-west-2'""");
    }

    @Test
    void formatJsonWithCompressionAndPartitionInclude() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.JSON).compression(Compression.GZIP)
                .partitionColumn("Region Code"))).isEqualTo(UNLOAD + """
                FORMAT JSON
                PARTITION BY ("Region Code") INCLUDE
                GZIP
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'us-west-2'""");
    }

    @Test
    void encryptedWithKmsKeyId() {
        assertThat(unload(UnloadOptions.builder().kmsKeyId("arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab")))
                .isEqualTo(UNLOAD + """
                ENCRYPTED
                KMS_KEY_ID 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab'
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'us-west-2'""");
    }

    @Test
    void kmsKeyIdIsAnEscapedLiteral() {
        assertThat(unload(UnloadOptions.builder().kmsKeyId("alias/it's"))).contains("\nKMS_KEY_ID 'alias/it''s'\n");
    }

    @Test
    void encryptedAuto() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.CSV).encryptedAuto())).isEqualTo(UNLOAD + """
                FORMAT CSV
                ENCRYPTED AUTO
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'us-west-2'""");
    }

    @Test
    void parquetWithRowGroupSizeAndKmsKey() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.PARQUET).partitionColumn("load_date")
                .kmsKeyId("alias/archive").rowGroupSizeMb(128).parallel(false))).isEqualTo(UNLOAD + """
                FORMAT PARQUET
                PARTITION BY ("load_date") INCLUDE
                ENCRYPTED
                KMS_KEY_ID 'alias/archive'
                MANIFEST VERBOSE
                CLEANPATH
                ROWGROUPSIZE 128 MB
                PARALLEL OFF
                REGION 'us-west-2'""");
    }

    @Test
    void extension() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.CSV).compression(Compression.GZIP)
                .extension("csv.gz"))).isEqualTo(UNLOAD + """
                FORMAT CSV
                GZIP
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'us-west-2'
                EXTENSION 'csv.gz'""");
    }

    @Test
    void everyNewOptionAtOnceKeepsTheOriginalsOrder() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.JSON).partitionColumn("load_date")
                .compression(Compression.ZSTD).kmsKeyId("1234abcd-12ab-34cd-56ef-1234567890ab").extension("jsonl.zst")
                .region("eu-west-1"))).isEqualTo(UNLOAD + """
                FORMAT JSON
                PARTITION BY ("load_date") INCLUDE
                ZSTD
                ENCRYPTED
                KMS_KEY_ID '1234abcd-12ab-34cd-56ef-1234567890ab'
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'eu-west-1'
                EXTENSION 'jsonl.zst'""");
    }

    @Test
    void aJsonArchiveIsCopiedBackAsJsonAuto() {
        Rule rule = rule(UnloadOptions.builder().format(FileFormat.JSON).compression(Compression.GZIP));
        assertThat(SQL.copies().copy(rule, new TableName("test", "ret_test_1"), List.of("id", "load_date"),
                "s3://bucket/ret_test_1/rslc_slice=2020-03-21/rslc_gen=1/manifest")).isEqualTo("""
                COPY "test"."ret_test_1" ("id", "load_date")
                FROM 's3://bucket/ret_test_1/rslc_slice=2020-03-21/rslc_gen=1/manifest'
                IAM_ROLE 'arn:aws:iam::123456789012:role/Unload'
                MANIFEST
                FORMAT AS JSON 'auto'
                GZIP
                REGION 'us-west-2'""");
    }
}
