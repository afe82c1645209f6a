package io.rslc.cli.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.sql.RedshiftSql;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stand-in reads back every UNLOAD option rslc renders, including the ones added after the original's columns,
 * and refuses what Redshift refuses among them, so a rendering change Redshift would not accept fails its tests.
 */
class UnloadCommandTest {

    private static final Slice DAY = Slice.containing(Granularity.DAILY, LocalDate.of(2020, 3, 21));
    private static final String HEAD = "UNLOAD ('SELECT 1') TO 's3://b/t/' IAM_ROLE default ";

    private static UnloadOptions roundTrip(UnloadOptions.Builder options) {
        Rule rule = Rule.builder().table("s", "t").column("d")
                .unload(options.location(ArchiveLocation.s3("s3://bucket/t")).build()).build();
        String sql = new RedshiftSql(null, "us-east-1").unload(rule, DAY,
                ArchiveLocation.s3("s3://bucket/t/rslc_slice=2020-03-21/rslc_gen=1/"));
        return UnloadCommand.parse(sql).options();
    }

    @Test
    void theNewOptionsAsRenderedAreReadBack() {
        UnloadOptions json = roundTrip(UnloadOptions.builder().format(FileFormat.JSON).compression(Compression.GZIP)
                .kmsKeyId("alias/it's").extension("jsonl.gz"));
        assertThat(json.format()).isEqualTo(FileFormat.JSON);
        assertThat(json.compression()).isEqualTo(Compression.GZIP);
        assertThat(json.encryption()).isEqualTo(UnloadOptions.Encryption.KMS_KEY);
        assertThat(json.kmsKeyId()).isEqualTo("alias/it's");
        assertThat(json.extension()).isEqualTo("jsonl.gz");

        UnloadOptions parquet = roundTrip(UnloadOptions.builder().format(FileFormat.PARQUET).rowGroupSizeMb(64)
                .partitionColumn("d"));
        assertThat(parquet.rowGroupSizeMb()).isEqualTo(64);
        assertThat(parquet.partitionColumn()).isEqualTo("d");

        assertThat(roundTrip(UnloadOptions.builder().encryptedAuto()).encryption())
                .isEqualTo(UnloadOptions.Encryption.AUTO);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "KMS_KEY_ID 'k'",
            "ENCRYPTED AUTO KMS_KEY_ID 'k'",
            "ENCRYPTED",
            "ROWGROUPSIZE 64 MB",
            "FORMAT PARQUET ROWGROUPSIZE 16 MB",
            "FORMAT JSON HEADER",
            "FORMAT JSON DELIMITER AS ';'",
            "FORMAT JSON NULL AS 'x'",
            "FORMAT JSON ADDQUOTES",
            "FORMAT JSON ESCAPE"})
    void whatRedshiftRefusesTheStandInRefuses(String options) {
        assertThatThrownBy(() -> UnloadCommand.parse(HEAD + options)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatRedshiftAcceptsTheStandInAccepts() {
        assertThat(UnloadCommand.parse(HEAD + "FORMAT PARQUET ENCRYPTED KMS_KEY_ID 'k' ROWGROUPSIZE AS 128 MB")
                .options().rowGroupSizeMb()).isEqualTo(128);
    }
}
