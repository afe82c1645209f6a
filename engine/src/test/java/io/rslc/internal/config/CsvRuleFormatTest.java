package io.rslc.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Mode;
import io.rslc.api.Problem;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvRuleFormatTest {

    static final String HEADER = String.join(",", RuleFields.ORIGINAL);
    static final Path SAMPLE = Path.of("../sample/test_configuration.csv");

    static RuleSet read(String... lines) {
        return CsvRuleFormat.read("c.csv", (HEADER + "\n" + String.join("\n", lines)).getBytes(StandardCharsets.UTF_8));
    }

    /** A valid row with one field replaced. */
    static String row(String field, String value) {
        String[] v = "s,t,d,daily,90,s3://bucket/t,,,,,,,,,,,,10,2,".split(",", -1);
        if (field != null) {
            v[RuleFields.ORIGINAL.indexOf(field)] = value;
        }
        return String.join(",", v);
    }

    static Problem onlyError(RuleSet rs) {
        assertThat(rs.errors()).hasSize(1);
        return rs.errors().get(0);
    }

    @Test
    void theSampleLoadsUnchanged() throws Exception {
        byte[] bytes = Files.readAllBytes(SAMPLE);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF); // BOM kept in the sample, byte for byte
        RuleSet rs = CsvRuleFormat.read("sample", bytes);
        assertThat(rs.problems()).isEmpty();
        assertThat(rs.rules()).extracting(r -> r.table().toString())
                .containsExactly("test.ret_test_1", "test.ret_test_2", "test.ret_test_3", "test.ret_test_4");
        Rule monthly = rs.rules().get(3);
        assertThat(monthly.granularity()).isEqualTo(Granularity.MONTHLY);
        assertThat(monthly.retention()).isEqualTo(3);
        assertThat(monthly.mode()).isEqualTo(Mode.UNLOAD_AND_DELETE);
        assertThat(monthly.unload().format()).isEqualTo(FileFormat.PARQUET);
        assertThat(monthly.unload().partitionColumn()).isEqualTo("load_date");
        assertThat(monthly.unload().region()).isEqualTo("us-east-1");
        assertThat(monthly.unload().maxFileSize().bytes()).isEqualTo(1L << 30);
        assertThat(monthly.unload().parallel()).isTrue();
        assertThat(monthly.unload().location().root()).isEqualTo("s3://redshift-data-test-vikas/ret_test_4/");
    }

    @Test
    void theSampleSurvivesAWriteByteForByte() throws Exception {
        byte[] bytes = Files.readAllBytes(SAMPLE);
        CsvRuleFormat.Parsed parsed = CsvRuleFormat.parse("sample", bytes);
        assertThat(CsvRuleFormat.write(parsed.header(), parsed.records())).isEqualTo(bytes);
    }

    @Test
    void crlfQuotedFieldsAndNoBomAreRead() {
        String csv = HEADER + "\r\n" + "\"s\",\"a,b\",d,Daily,90,s3://bucket/t,csv,,1,\";\",,\"say \"\"x\"\"\",,,,,,10,2,\r\n";
        RuleSet rs = CsvRuleFormat.read("c.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(rs.errors()).isEmpty();
        Rule r = rs.rules().get(0);
        assertThat(r.table()).isEqualTo(new TableName("s", "a,b"));
        assertThat(r.unload().delimiter()).isEqualTo(";");
        assertThat(r.unload().nullAs()).isEqualTo("say \"x\"");
        assertThat(r.unload().header()).isTrue();
        assertThat(r.unload().format()).isEqualTo(FileFormat.CSV);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"'';false", "0;false", "'0';false", "f;false", "false;false", "False;false",
            "1;true", "'1';true", "t;true", "true;true", "True;true"})
    void booleanSpellingsOfTheOriginal(String spelling, boolean expected) {
        RuleSet rs = read(row(RuleFields.HEADER, spelling));
        assertThat(rs.errors()).isEmpty();
        assertThat(rs.rules().get(0).unload().header()).isEqualTo(expected);
    }

    @Test
    void granularitySpellings() {
        for (String g : List.of("daily", "Daily", "DAILY", "monthly", "Monthly", "MONTHLY")) {
            assertThat(read(row(RuleFields.GRANULARITY_LEVEL, g)).errors()).as(g).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "granularity_level|weekly|must be daily or monthly, got 'weekly'",
            "retention_period|-1|is out of range (min 0), got -1",
            "retention_period|100001|is out of range (max 100000), got 100001",
            "retention_period|99999999999|is out of range (max 100000), got 99999999999",
            "priority|99999999999|is out of range (max 2147483647 (a 32-bit integer)), got 99999999999",
            "retention_period|abc|must be a whole number, got 'abc'",
            "retention_period|''|is required",
            "priority|''|is required",
            "priority|ten|must be a whole number, got 'ten'",
            "update_delete_flag|3|is out of range (max 2), got 3",
            "checkpoint|2020-13-01|must be a date YYYY-MM-DD, got '2020-13-01'",
            "s3_path|/no/scheme/needed/locally|",
            "s3_path|https://bucket/t|must be s3://bucket/prefix, or a local folder as an absolute path or "
                    + "file:///absolute/path; the scheme 'https:' is not supported, got 'https://bucket/t'",
            "s3_path|s3://Bad_Bucket/t|must be s3://bucket/prefix with a valid bucket name",
            "max_filesize|4 mb|must be between 5 MB and 6.2 GB, got '4 mb'",
            "max_filesize|6.3 gb|must be between 5 MB and 6.2 GB, got '6.3 gb'",
            "max_filesize|big|must be a size like '1 gb' or '500 mb', got 'big'",
            "file_format|orc|must be PARQUET, CSV, JSON or blank (text), got 'orc'",
            "compression|lz4|must be gzip, zstd, bzip2 or blank, got 'lz4'",
            "parallel|maybe|must be 0 or 1 (or true/false, t/f), got 'maybe'",
            "unload_region|mars|must be an AWS region such as us-east-1, got 'mars'",
            "delimiter|ab|must be a single ASCII character (or \\t for tab), got 'ab'",
            "column_name|''|is required",
    })
    void eachMistakeNamesLineFieldAndReason(String field, String value, String message) {
        RuleSet rs = read(row(RuleFields.TABLE_NAME, "other"), row(field, value));
        if (message == null) {
            assertThat(rs.errors()).isEmpty();
            return;
        }
        Problem p = onlyError(rs);
        assertThat(p.source()).isEqualTo("c.csv");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.message()).contains(message);
        assertThat(p.toString()).startsWith("c.csv line 3, " + field + ": ");
    }

    /** Issue 16: a mistyped S3 path must never become a local folder, and a local folder must be said explicitly. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3:/bad path|looks like an S3 location but is not s3://bucket/prefix (two slashes after 's3:', then the "
                    + "bucket), got 's3:/bad path'",
            "s3:bucket/t|looks like an S3 location but is not s3://bucket/prefix",
            "S3:/bucket/t|looks like an S3 location but is not s3://bucket/prefix",
            "s3a://bucket/t|the scheme 's3a:' is not supported, got 's3a://bucket/t'",
            "s3n://bucket/t|the scheme 's3n:' is not supported",
            "http://bucket.s3.amazonaws.com/t|the scheme 'http:' is not supported",
            "gs://bucket/t|the scheme 'gs:' is not supported",
            "bucket://t|the scheme 'bucket:' is not supported",
            "my bucket://t|must be s3://bucket/prefix, or a local folder as an absolute path or file:///absolute/path,"
                    + " got 'my bucket://t'",
            "archive/x|is a relative path, which would be resolved against the folder rslc runs in; write an absolute "
                    + "path (/archive/x) or file:///archive/x for a local folder, or s3://bucket/prefix, got 'archive/x'",
            "./archive|is a relative path",
            "s3://|the bucket name is missing",
            "s3://ab/t|with a valid bucket name: 3 to 63 lowercase letters",
            "s3://-bucket/t|with a valid bucket name",
            "s3://my..bucket/t|with a valid bucket name",
            "s3://192.168.10.12/t|not an IP address",
            "s3://my_bucket/t|with a valid bucket name",
            "s3://bucket//t|without empty, '.' or '..' folders",
            "s3://bucket/a/../b|without empty, '.' or '..' folders",
            "file://host/tmp/a|names a host in its file: URI; write file:///absolute/path (three slashes)",
            "file:archive/x|is a relative file: URI; write file:///absolute/path",
            "file:///tmp/a b|is not a valid file: URI",
            "/var/archive/../etc/t|contains a '..' segment; write the folder it means as an absolute path without '..'",
            "/var/archive/t/..|contains a '..' segment",
            "file:///var/archive/../t|contains a '..' segment",
    })
    void s3PathMustBeAValidS3FolderOrAnExplicitLocalFolder(String value, String message) {
        Problem p = onlyError(read(row(RuleFields.S3_PATH, value)));
        assertThat(p.toString()).startsWith("c.csv line 2, s3_path: ").contains(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3://bucket|s3://bucket/",
            "s3://bucket/t|s3://bucket/t/",
            "s3://my.bucket-1/a b/c/|s3://my.bucket-1/a b/c/",
            "/var/archive/t|/var/archive/t/",
            "file:///var/archive/t|/var/archive/t/",
            "file:/var/archive/t|/var/archive/t/",
            "file:///var/archive/a%20b|/var/archive/a b/",
    })
    void validLocations(String value, String root) {
        RuleSet rs = read(row(RuleFields.S3_PATH, value));
        assertThat(rs.problems()).isEmpty();
        assertThat(rs.rules().get(0).unload().location().root()).isEqualTo(root);
    }

    @Test
    void aDeleteOnlyRuleNeverReadsItsS3Path() {
        RuleSet rs = read(row(RuleFields.UPDATE_DELETE_FLAG, "1").replace("s3://bucket/t", "s3:/bad path"));
        assertThat(rs.errors()).isEmpty();
        assertThat(rs.problems()).singleElement().satisfies(w -> assertThat(w.toString())
                .isEqualTo("c.csv line 2, s3_path: is not used in delete-only mode (update_delete_flag 1)"));
    }

    @Test
    void identifiersLongerThan127BytesAreRejected() {
        String ok = "é".repeat(63); // 126 bytes
        String tooLong = "é".repeat(64); // 128 bytes
        assertThat(read(row(RuleFields.TABLE_NAME, ok)).errors()).isEmpty();
        assertThat(onlyError(read(row(RuleFields.TABLE_NAME, tooLong))).message())
                .isEqualTo("is 128 bytes long in UTF-8; Redshift allows 127");
    }

    @Test
    void oneBadRowNeverHidesTheGoodOnes() {
        RuleSet rs = read(row(RuleFields.TABLE_NAME, "a"), row(RuleFields.PRIORITY, ""), row(RuleFields.TABLE_NAME, "c"));
        assertThat(rs.rules()).extracting(r -> r.table().table()).containsExactly("a", "c");
        assertThat(onlyError(rs).line()).isEqualTo(3);
    }

    @Test
    void everyProblemOfARowIsReportedAtOnce() {
        String bad = "s,t,d,weekly,-5,,orc,,,,,,,,,,,x,9,";
        RuleSet rs = read(bad);
        assertThat(rs.errors()).extracting(Problem::field).containsExactlyInAnyOrder(
                "granularity_level", "retention_period", "priority", "update_delete_flag", "file_format");
    }

    @Test
    void duplicatesAreErrorsOnTheLaterRow() {
        RuleSet rs = read(row(null, null), row(RuleFields.PRIORITY, "20"));
        Problem p = onlyError(rs);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).contains("s.t is configured twice; first at line 2");
        assertThat(rs.rules()).hasSize(1);
    }

    @Test
    void parquetIgnoresTextOptionsWithWarnings() {
        String r = "s,t,d,daily,90,s3://bucket/t,PARQUET,,1,;,1,N,1,gzip,,,,10,2,";
        RuleSet rs = read(r);
        assertThat(rs.errors()).isEmpty();
        assertThat(rs.problems()).extracting(Problem::field)
                .containsExactly("header", "delimiter", "add_quotes", "null_as", "escape", "compression");
        UnloadOptions o = rs.rules().get(0).unload();
        assertThat(o.header() || o.addQuotes() || o.escape() || o.delimiter() != null || o.nullAs() != null).isFalse();
        assertThat(o.compression()).isEqualTo(Compression.NONE);
        assertThat(rs.warningsFor(rs.rules().get(0))).hasSize(6);
    }

    @Test
    void csvIgnoresAddQuotesAndEscapeWithWarnings() {
        RuleSet rs = read("s,t,d,daily,90,s3://bucket/t,CSV,,,,1,,1,,,,,10,2,");
        assertThat(rs.problems()).extracting(Problem::field).containsExactly("add_quotes", "escape");
        assertThat(rs.problems()).allMatch(p -> !p.isError());
    }

    @Test
    void archivingModesNeedAnS3PathDeleteOnlyDoesNot() {
        assertThat(onlyError(read(row(RuleFields.S3_PATH, ""))).message()).contains("is required when update_delete_flag is 2");
        String deleteOnly = "s,t,d,daily,90,,,,,,,,,,,,,10,1,";
        assertThat(read(deleteOnly).problems()).isEmpty();
    }

    @Test
    void checkpointsInTheOriginalsFormats() {
        assertThat(read(row(RuleFields.CHECKPOINT, "2020-03-21")).rules().get(0).checkpoint())
                .isEqualTo(LocalDate.of(2020, 3, 21));
        assertThat(read(row(RuleFields.CHECKPOINT, "2020-03-21 13:45:00")).rules().get(0).checkpoint())
                .isEqualTo(LocalDate.of(2020, 3, 21));
        RuleSet monthly = read("s,t,d,monthly,3,s3://bucket/t,,,,,,,,,,,,10,2,2020-03-15");
        assertThat(monthly.rules().get(0).checkpoint()).isEqualTo(LocalDate.of(2020, 3, 1));
        assertThat(monthly.problems()).singleElement().satisfies(p -> assertThat(p.isError()).isFalse());
    }

    @Test
    void unknownColumnsSuggestTheRightName() {
        String csv = HEADER.replace("retention_period", "retention_perod") + "\n" + row(null, null);
        RuleSet rs = CsvRuleFormat.read("c.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(rs.errors()).extracting(Problem::message)
                .contains("unknown column; did you mean 'retention_period'?", "required column is missing from the header");
    }

    @Test
    void wrongFieldCountIsARowError() {
        RuleSet rs = read("s,t,d", row(RuleFields.TABLE_NAME, "ok"));
        assertThat(onlyError(rs).message()).isEqualTo("has 3 fields; the header has 20");
        assertThat(rs.rules()).hasSize(1);
    }

    static RslcException usageError(byte[] content) {
        Throwable t = catchThrowable(() -> CsvRuleFormat.read("c.csv", content));
        assertThat(t).isInstanceOf(RslcException.class);
        RslcException e = (RslcException) t;
        assertThat(e.code()).isEqualTo(RslcException.ErrorCode.USAGE);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @Test
    void anEmptyFileIsAUsageErrorSayingThereIsNoHeader() {
        for (String empty : List.of("", "\uFEFF", "\n\n", "  \r\n")) {
            assertThat(usageError(empty.getBytes(StandardCharsets.UTF_8)).getMessage())
                    .startsWith("c.csv is empty: no header; the first line must be the header naming the fields "
                            + "(schema_name,table_name,");
        }
        assertThat(usageError(("\n" + HEADER + "\n").getBytes(StandardCharsets.UTF_8)).getMessage())
                .startsWith("c.csv has no header: line 1 is blank");
        assertThat(usageError((row(null, null) + "\n").getBytes(StandardCharsets.UTF_8)).getMessage())
                .startsWith("c.csv has no header: line 1 names none of the fields ('s', ...)");
    }

    @Test
    void aHeaderWithoutRowsIsAWarningNoRules() {
        for (String content : List.of(HEADER, HEADER + "\n", HEADER + "\r\n\r\n")) {
            RuleSet rs = CsvRuleFormat.read("c.csv", content.getBytes(StandardCharsets.UTF_8));
            assertThat(rs.rules()).isEmpty();
            assertThat(rs.problems()).singleElement().satisfies(p -> {
                assertThat(p.isError()).isFalse();
                assertThat(p.toString()).isEqualTo("c.csv: no rules: the file has a header and no rows, so there is "
                        + "nothing to do");
            });
        }
    }

    @Test
    void anUnterminatedQuoteIsReportedWhereItStarts() {
        RuleSet rs = read(row(RuleFields.TABLE_NAME, "a"), row(RuleFields.S3_PATH, "\"s3://bucket/t"),
                row(RuleFields.TABLE_NAME, "c"));
        assertThat(onlyError(rs).toString()).isEqualTo("c.csv line 3: unterminated quote starting at line 3 (field 6):"
                + " everything after it, to the end of the file at line 4, was read as one field; close the quote (a "
                + "quote inside a field is written \"\")");
        assertThat(rs.rules()).extracting(r -> r.table().table()).containsExactly("a");
    }

    @Test
    void binaryContentIsAUsageErrorThatEchoesNothing() {
        byte[] nul = (HEADER + "\ns,t\0\u001b[31m,d").getBytes(StandardCharsets.UTF_8);
        assertThat(usageError(nul).getMessage()).isEqualTo("c.csv is not a text file: a NUL byte at line 2; a "
                + "configuration is a CSV file in UTF-8");
        byte[] latin1 = (HEADER + "\n" + row(RuleFields.NULL_AS, "caf\u00e9")).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(usageError(latin1).getMessage()).isEqualTo("c.csv is not UTF-8 text: byte 0xE9 at line 2 is not "
                + "UTF-8; save the file as UTF-8 (\"CSV UTF-8\")");
    }

    @Test
    void controlCharactersAreNeverEchoed() {
        String escape = "\u001b[2J\u001b[31mred\u202e";
        RuleSet rs = read(row(RuleFields.GRANULARITY_LEVEL, escape), row(RuleFields.FILE_FORMAT, escape));
        assertThat(rs.errors()).hasSize(2).allSatisfy(p -> assertThat(p.toString())
                .doesNotContain("\u001b").doesNotContain("\u202e").contains("\\x1b[2J\\x1b[31mred<U+202E>"));
        String unknown = HEADER + ",bad\u0007column\n" + row(null, null) + ",";
        assertThat(CsvRuleFormat.read("c.csv", unknown.getBytes(StandardCharsets.UTF_8)).errors())
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("bad\\x07column"));
        String longValue = "y".repeat(500);
        assertThat(onlyError(read(row(RuleFields.RETENTION_PERIOD, longValue))).message())
                .isEqualTo("must be a whole number, got '" + "y".repeat(80) + "...'");
    }

    @Test
    void runOrderIsPriorityThenTableName() {
        RuleSet rs = read("s,zeta,d,daily,1,s3://bucket/z,,,,,,,,,,,,10,2,",
                "s,alpha,d,daily,1,s3://bucket/a,,,,,,,,,,,,10,2,",
                "s,first,d,daily,1,s3://bucket/f,,,,,,,,,,,,5,2,");
        assertThat(rs.rules()).extracting(r -> r.table().table()).containsExactly("first", "alpha", "zeta");
    }
}
