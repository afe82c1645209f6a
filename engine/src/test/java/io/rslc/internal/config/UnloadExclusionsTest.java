package io.rslc.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.FileFormat;
import io.rslc.api.Problem;
import io.rslc.api.RuleSet;
import io.rslc.api.UnloadOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optional UNLOAD columns after the original's twenty ({@code encrypted}, {@code kms_key_id}, {@code extension},
 * {@code row_group_size}) and {@code file_format} JSON: how they read, and one test per combination Redshift's
 * UNLOAD refuses, each an error naming source, line, field and reason.
 */
class UnloadExclusionsTest {

    private static final String HEADER = String.join(",", Stream.concat(RuleFields.ORIGINAL.stream(),
            RuleFields.UNLOAD_EXTRAS.stream()).toList());

    /**
     * A valid archiving row with the given format and text options, then encrypted, kms_key_id, extension,
     * row_group_size.
     */
    private static RuleSet read(String format, String textOptions, String extras) {
        // original columns: ... s3_path, file_format, partition_column, header, delimiter, add_quotes, null_as,
        // escape, compression, max_filesize, parallel, unload_region, priority, update_delete_flag, checkpoint
        String row = "s,t,d,daily,90,s3://bucket/t," + format + ",," + textOptions + ",,,,10,2,," + extras;
        assertThat(row.split(",", -1)).hasSize(RuleFields.ORIGINAL.size() + RuleFields.UNLOAD_EXTRAS.size());
        return CsvRuleFormat.read("c.csv", (HEADER + "\n" + row).getBytes(StandardCharsets.UTF_8));
    }

    /** header, delimiter, add_quotes, null_as, escape, compression. */
    private static final String NO_TEXT_OPTIONS = ",,,,,";

    private static Problem onlyError(RuleSet rs) {
        assertThat(rs.errors()).hasSize(1);
        assertThat(rs.rules()).isEmpty();
        return rs.errors().get(0);
    }

    @Test
    void theOriginalsColumnsAloneStillRead() {
        RuleSet rs = CsvRuleFormat.read("c.csv", (String.join(",", RuleFields.ORIGINAL)
                + "\ns,t,d,daily,90,s3://bucket/t,,,,,,,,,,,,10,2,").getBytes(StandardCharsets.UTF_8));
        assertThat(rs.problems()).isEmpty();
        UnloadOptions o = rs.rules().get(0).unload();
        assertThat(o.encryption()).isEqualTo(UnloadOptions.Encryption.NONE);
        assertThat(o.kmsKeyId()).isNull();
        assertThat(o.extension()).isNull();
        assertThat(o.rowGroupSizeMb()).isNull();
    }

    @Test
    void everyNewOptionReadsIntoTheRule() {
        RuleSet rs = read("PARQUET", NO_TEXT_OPTIONS, "1,arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab,pq,64 MB");
        assertThat(rs.problems()).isEmpty();
        UnloadOptions o = rs.rules().get(0).unload();
        assertThat(o.format()).isEqualTo(FileFormat.PARQUET);
        assertThat(o.encryption()).isEqualTo(UnloadOptions.Encryption.KMS_KEY);
        assertThat(o.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab");
        assertThat(o.extension()).isEqualTo("pq");
        assertThat(o.rowGroupSizeMb()).isEqualTo(64);

        UnloadOptions json = read("json", NO_TEXT_OPTIONS, "auto,,json.gz,").rules().get(0).unload();
        assertThat(json.format()).isEqualTo(FileFormat.JSON);
        assertThat(json.encryption()).isEqualTo(UnloadOptions.Encryption.AUTO);
        assertThat(json.extension()).isEqualTo("json.gz");
    }

    @ParameterizedTest(name = "JSON with {0}")
    @CsvSource(delimiter = '|', value = {
            "header    | 1,,,,,",
            "delimiter | ,;,,,,",
            "add_quotes| ,,1,,,",
            "null_as   | ,,,N,,",
            "escape    | ,,,,1,"})
    void jsonExcludesTheDelimitedTextOptions(String field, String textOptions) {
        Problem p = onlyError(read("JSON", textOptions, ",,,"));
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.source()).isEqualTo("c.csv");
        assertThat(p.message()).startsWith("cannot be used with file_format JSON (Redshift's UNLOAD refuses it");
    }

    @Test
    void jsonTakesCompression() {
        RuleSet rs = read("JSON", ",,,,,gzip", ",,,");
        assertThat(rs.problems()).isEmpty();
        assertThat(rs.rules().get(0).unload().compression()).isEqualTo(io.rslc.api.Compression.GZIP);
    }

    @Test
    void kmsKeyIdRequiresEncrypted() {
        Problem p = onlyError(read("", NO_TEXT_OPTIONS, ",alias/archive,,"));
        assertThat(p.field()).isEqualTo("kms_key_id");
        assertThat(p.message()).isEqualTo("needs encrypted 1 (Redshift's KMS_KEY_ID requires ENCRYPTED)");
        assertThat(p.toString()).contains("c.csv").contains("line 2").contains("kms_key_id");
    }

    @Test
    void encryptedAutoExcludesAKmsKeyId() {
        Problem p = onlyError(read("", NO_TEXT_OPTIONS, "auto,alias/archive,,"));
        assertThat(p.field()).isEqualTo("kms_key_id");
        assertThat(p.message()).startsWith("cannot be used with encrypted auto");
    }

    @Test
    void encryptedNeedsAKmsKeyIdOrAuto() {
        Problem p = onlyError(read("", NO_TEXT_OPTIONS, "1,,,"));
        assertThat(p.field()).isEqualTo("encrypted");
        assertThat(p.message()).contains("needs a kms_key_id").contains("auto");
    }

    @Test
    void parquetEncryptsOnlyWithANamedKmsKey() {
        Problem p = onlyError(read("PARQUET", NO_TEXT_OPTIONS, "auto,,,"));
        assertThat(p.field()).isEqualTo("encrypted");
        assertThat(p.message()).startsWith("auto cannot be used with PARQUET: Redshift encrypts Parquet only with"
                + " SSE-KMS");
        assertThat(read("PARQUET", NO_TEXT_OPTIONS, "1,alias/archive,,").problems()).isEmpty();
    }

    @Test
    void encryptionCannotBeHonouredForALocalFolder() {
        String row = "s,t,d,daily,90,/archive/t,,,,,,,,,,,,10,2,,auto,,,";
        RuleSet rs = CsvRuleFormat.read("c.csv", (HEADER + "\n" + row).getBytes(StandardCharsets.UTF_8));
        Problem p = onlyError(rs);
        assertThat(p.field()).isEqualTo("encrypted");
        assertThat(p.message()).startsWith("cannot be honoured for a local folder");
    }

    @ParameterizedTest(name = "ROWGROUPSIZE with {0}")
    @CsvSource({"''", "CSV", "JSON"})
    void rowGroupSizeIsOnlyForParquet(String format) {
        Problem p = onlyError(read(format, NO_TEXT_OPTIONS, ",,,64"));
        assertThat(p.field()).isEqualTo("row_group_size");
        assertThat(p.message()).startsWith("is only for PARQUET (Redshift's ROWGROUPSIZE");
    }

    @ParameterizedTest(name = "row_group_size {0}")
    @CsvSource({"31", "129", "1 gb", "64.5", "abc"})
    void rowGroupSizeIsWholeMegabytesFrom32To128(String value) {
        Problem p = onlyError(read("PARQUET", NO_TEXT_OPTIONS, ",,," + value));
        assertThat(p.field()).isEqualTo("row_group_size");
        assertThat(p.message()).startsWith("must be a whole number of MB from 32 to 128");
    }

    @Test
    void rowGroupSizeBoundsAreAccepted() {
        assertThat(read("PARQUET", NO_TEXT_OPTIONS, ",,,32").rules().get(0).unload().rowGroupSizeMb()).isEqualTo(32);
        assertThat(read("PARQUET", NO_TEXT_OPTIONS, ",,,128 mb").rules().get(0).unload().rowGroupSizeMb())
                .isEqualTo(128);
    }

    @ParameterizedTest(name = "extension {0}")
    @CsvSource({"'.csv'", "'a/b'", "'x y'"})
    void extensionsThatWouldBreakFileNamesAreRejected(String value) {
        Problem p = onlyError(read("CSV", NO_TEXT_OPTIONS, ",," + value + ","));
        assertThat(p.field()).isEqualTo("extension");
    }

    @Test
    void badSpellingsOfEncryptedAndKmsKeyIdAreErrors() {
        assertThat(onlyError(read("", NO_TEXT_OPTIONS, "yes,,,")).message())
                .isEqualTo("must be 0, 1 or auto (or true/false, t/f), got 'yes'");
        List<Problem> errors = read("", NO_TEXT_OPTIONS, "1,key id with spaces,,").errors();
        assertThat(errors).extracting(Problem::field).contains("kms_key_id");
    }
}
