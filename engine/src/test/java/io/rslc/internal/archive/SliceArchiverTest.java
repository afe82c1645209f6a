package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.format.ColumnType;
import io.rslc.internal.archive.format.DictionaryChoices;
import io.rslc.internal.archive.format.EncoderCodecs;
import io.rslc.internal.archive.format.ParquetPartFile;
import io.rslc.internal.archive.format.RowWriteSupport;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Formats, compression, value spelling and the attempt folder, written to a local store from DuckDB rows. */
class SliceArchiverTest {

    static final String GEN1 = "rslc_slice=2020-03-21/rslc_gen=1/";
    static final String GEN2 = "rslc_slice=2020-03-21/rslc_gen=2/";

    @TempDir
    Path root;
    ArchiveStore store;
    SourceTable src;

    @BeforeEach
    void setUp() throws SQLException {
        store = ArchiveStores.open(ArchiveLocation.local(root), null);
        src = new SourceTable();
    }

    @AfterEach
    void tearDown() throws SQLException {
        src.close();
    }

    static Stream<Arguments> delimitedFormats() {
        return Stream.of(FileFormat.TEXT, FileFormat.CSV)
                .flatMap(f -> Stream.of(Compression.values()).map(c -> Arguments.of(f, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("delimitedFormats")
    void delimitedFilesReadBackToTheSourceRows(FileFormat format, Compression compression) throws Exception {
        src.addGenerated(2000);
        UnloadOptions options = UnloadOptions.builder().format(format).compression(compression)
                .escape(format == FileFormat.TEXT).nullAs(format == FileFormat.TEXT ? "\\N" : null).build();

        ArchiveResult result = new SliceArchiver().write(src.rows(), options, store, GEN1);

        assertThat(result.files()).extracting(ArchivedFile::key).containsExactly(GEN1 + "0000_part_00" + compression.suffix());
        assertThat(result.rows()).isEqualTo(2006);
        assertThat(result.bytes()).isEqualTo(Files.size(root.resolve(result.files().get(0).key())));
        assertThat(magic(result.files().get(0).key())).startsWith(switch (compression) {
            case NONE -> "31";          // "1"
            case GZIP -> "1f8b";
            case ZSTD -> "28b52ffd";
            case BZIP2 -> "425a68";     // "BZh"
        });
        List<List<String>> rows = ArchiveReader.readRows(store, GEN1, options);
        assertThat(rows).hasSize(2006);
        assertThat(rows.subList(0, 6)).isEqualTo(SourceTable.EXPECTED_TEXT);
        List<List<String>> generated = src.strings("SELECT id, d, b, t, CASE WHEN bo THEN 't' ELSE 'f' END "
                + "FROM src WHERE id >= 100 ORDER BY id");
        assertThat(rows.subList(6, rows.size()).stream()
                .map(r -> List.of(r.get(0), r.get(1), r.get(7), r.get(10), r.get(11))).toList())
                .isEqualTo(generated);
    }

    @Test
    void parquetKeepsColumnTypesAndExactValues() throws Exception {
        src.addGenerated(3000);
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.PARQUET).build();

        ArchiveResult result = new SliceArchiver().write(src.rows(), options, store, GEN1);

        assertThat(result.files()).extracting(ArchivedFile::key).containsExactly(GEN1 + "0000_part_00.parquet");
        assertThat(result.rows()).isEqualTo(3006);
        String files = parquetGlob(GEN1);
        assertThat(src.strings("DESCRIBE SELECT * FROM " + files))
                .extracting(r -> r.get(0) + " " + r.get(1))
                .isEqualTo(src.strings("DESCRIBE SELECT * FROM src").stream().map(r -> r.get(0) + " " + r.get(1)).toList())
                .contains("d DATE", "ts TIMESTAMP", "tz TIMESTAMP WITH TIME ZONE", "n DECIMAL(12,2)",
                        "w DECIMAL(38,10)", "si SMALLINT", "r FLOAT", "t VARCHAR", "bo BOOLEAN");
        assertSameRows("src", files);
        assertThat(src.scalar("SELECT count(*) FROM " + files + " WHERE t IS NULL AND d IS NULL AND w IS NULL"))
                .isEqualTo("1");
        assertThat(src.scalar("SELECT w FROM " + files + " WHERE id = 2"))
                .isEqualTo("-9999999999999999999999999999.9999999999");
        assertThat(src.scalar("SELECT t FROM " + files + " WHERE id = 2")).isEqualTo(SourceTable.TRICKY_TEXT);
    }

    @Test
    void parallelOnEncodesALargeSliceIntoOneFilePerWriterAndParallelOffIntoOne() throws Exception {
        src.addGenerated(BackgroundEncoder.SWITCH_ROWS * 3);
        for (boolean parallel : new boolean[] {true, false}) {
            String folder = "rslc_slice=2020-03-21/rslc_gen=" + (parallel ? 1 : 2) + "/";
            UnloadOptions options = UnloadOptions.builder().format(FileFormat.PARQUET).parallel(parallel).build();

            ArchiveResult result = new SliceArchiver(0, 0, 2).write(src.rows(), options, store, folder);

            assertThat(result.files()).extracting(ArchivedFile::key).as("PARALLEL %s", parallel).containsExactlyElementsOf(
                    parallel ? List.of(folder + "0000_part_00.parquet", folder + "0001_part_00.parquet")
                            : List.of(folder + "0000_part_00.parquet"));
            assertThat(result.files()).allSatisfy(f -> assertThat(f.rows()).isGreaterThan(0));
            assertThat(result.rows()).isEqualTo(BackgroundEncoder.SWITCH_ROWS * 3 + 6);
            assertSameRows("src", parquetGlob(folder));
        }
    }

    @Test
    void parquetDictionariesAreDroppedWhereTheyFellBackAndRetriedNowAndThen() throws Exception {
        List<Column> columns = List.of(new Column(1, "id", ColumnType.BIGINT, 0, 0),
                new Column(2, "kind", ColumnType.TEXT, 0, 0));
        DictionaryChoices choices = new DictionaryChoices(columns);
        List<boolean[]> used = new java.util.ArrayList<>();
        for (int file = 0; file < DictionaryChoices.PROBE_EVERY + 1; file++) {
            String key = GEN1 + String.format("0000_part_%03d.parquet", file);
            ParquetPartFile<Object[]> f = new ParquetPartFile<>(store.create(key), store.uri(key), new RowWriteSupport(columns),
                    PartFileOpeners.ROW_GROUP_BYTES, choices, new EncoderCodecs());
            for (long id = 0; id < 3000; id++) {
                f.write(new Object[] {file * 10_000L + id, id % 3 == 0 ? "a" : "b"});
            }
            f.finish();
            used.add(choices.lastFile());
            try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                    new org.apache.parquet.io.LocalInputFile(root.resolve(key)))) {
                var chunks = reader.getFooter().getBlocks().get(0).getColumns();
                assertThat(chunks.get(0).getEncodingStats().hasDictionaryPages()).as("unique ids, file %d", file)
                        .isFalse();
                assertThat(chunks.get(1).getEncodingStats().hasDictionaryPages()).as("two values, file %d", file)
                        .isTrue();
            }
        }
        assertThat(used.get(0)).containsExactly(true, true);   // first file: every column tries a dictionary
        assertThat(used.get(1)).containsExactly(false, true);  // ids fell back: written plainly from then on
        assertThat(used.get(DictionaryChoices.PROBE_EVERY - 1)).containsExactly(false, true);
        assertThat(used.get(DictionaryChoices.PROBE_EVERY)).containsExactly(true, true); // tried again
        assertThat(src.scalar("SELECT count(*) FROM " + parquetGlob(GEN1) + " WHERE kind = 'a'"))
                .isEqualTo(String.valueOf(1000 * (DictionaryChoices.PROBE_EVERY + 1)));
    }

    @Test
    void defaultTextWithHeaderIsPipeDelimitedLikeRedshift() throws Exception {
        UnloadOptions options = UnloadOptions.builder().header(true).build();

        new SliceArchiver().write(src.query("SELECT * FROM src WHERE id IN (1, 3, 4) ORDER BY id"), options, store, GEN1);

        assertThat(raw(GEN1 + "0000_part_00")).isEqualTo("""
                id|d|ts|tz|n|w|si|b|r|db|t|bo
                1|2020-03-21|2020-03-21 10:00:00|2020-03-21 08:00:00+00|1234.50|12345678901234567890.0123456789|7|9000000000|1.5|2.25|plain|t
                3|||||||||||
                4|2020-03-22|1970-01-01 00:00:00.5|2020-03-22 00:00:00+00|0.00|0.0000000000|0|0|0.1|0.1||t
                """);
    }

    @Test
    void addQuotesAndEscapeRoundTrip() throws Exception {
        UnloadOptions options = UnloadOptions.builder().addQuotes(true).escape(true).build();

        new SliceArchiver().write(src.rows(), options, store, GEN1);

        String text = raw(GEN1 + "0000_part_00");
        assertThat(text).contains("|\"a\\|b\\\"c\\\\d\\\ne\\\r\\'f,g Ünïcødé 🎉\ttab\"|\"f\"\n");
        assertThat(text).contains("\n\"3\"|||||||||||\n");
        assertThat(text).contains("|\"\"|\"t\"\n"); // empty string: quoted, so not NULL
        assertThat(ArchiveReader.readRows(store, GEN1, options)).isEqualTo(SourceTable.EXPECTED_TEXT);
    }

    @Test
    void nullAsMarksNullsAndKeepsEqualValuesApart() throws Exception {
        UnloadOptions text = UnloadOptions.builder().escape(true).nullAs("\\N").build();
        new SliceArchiver().write(src.query("SELECT id, t FROM src WHERE id IN (3, 6) ORDER BY id"), text, store, GEN1);
        assertThat(raw(GEN1 + "0000_part_00")).isEqualTo("3|\\N\n6|\\\\N\n");
        assertThat(ArchiveReader.readRows(store, GEN1, text)).containsExactly(
                java.util.Arrays.asList("3", null), List.of("6", "\\N"));

        UnloadOptions csv = UnloadOptions.builder().format(FileFormat.CSV).nullAs("NULL").build();
        new SliceArchiver().write(src.query("SELECT id, t FROM src WHERE id IN (3, 5) ORDER BY id"), csv, store, GEN2);
        assertThat(raw(GEN2 + "0000_part_00")).isEqualTo("3,NULL\n5,\"NULL\"\n");
        assertThat(ArchiveReader.readRows(store, GEN2, csv)).containsExactly(
                java.util.Arrays.asList("3", null), List.of("5", "NULL"));
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() throws Exception {
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.CSV).header(true).build();

        new SliceArchiver().write(src.query("SELECT id, t, n FROM src WHERE id IN (1, 2, 3, 4) ORDER BY id"),
                options, store, GEN1);

        assertThat(raw(GEN1 + "0000_part_00")).isEqualTo("id,t,n\n1,plain,1234.50\n2,\"a|b\"\"c\\d\ne\r'f,g Ünïcødé 🎉\ttab\",-0.01\n"
                + "3,,\n4,\"\",0.00\n");
        assertThat(ArchiveReader.readRows(store, GEN1, options)).containsExactly(
                List.of("1", "plain", "1234.50"), List.of("2", SourceTable.TRICKY_TEXT, "-0.01"),
                java.util.Arrays.asList("3", null, null), List.of("4", "", "0.00"));
    }

    @Test
    void partitionsGoToHiveFoldersAndKeepTheColumn() throws Exception {
        src.addGenerated(300);
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.CSV).compression(Compression.GZIP)
                .partitionColumn("d").parallel(false).build();

        ArchiveResult result = new SliceArchiver().write(src.rows(), options, store, GEN1);

        assertThat(result.files()).extracting(ArchivedFile::key).containsExactly(
                GEN1 + "d=1999-12-31/0000_part_00.gz",
                GEN1 + "d=2020-03-21/0000_part_00.gz",
                GEN1 + "d=2020-03-22/0000_part_00.gz",
                GEN1 + "d=2020-03-23/0000_part_00.gz",
                GEN1 + "d=__HIVE_DEFAULT_PARTITION__/0000_part_00.gz");
        long total = 0;
        for (ArchivedFile f : result.files()) {
            String value = f.key().substring(f.key().indexOf("d=") + 2, f.key().lastIndexOf('/'));
            List<List<String>> rows = ArchiveReader.readFile(store, f.key(), options);
            assertThat(rows).hasSize((int) f.rows());
            assertThat(rows).allSatisfy(r -> assertThat(r.get(1))
                    .isEqualTo(value.equals("__HIVE_DEFAULT_PARTITION__") ? null : value));
            total += rows.size();
        }
        assertThat(total).isEqualTo(306).isEqualTo(result.rows());
        assertThat(result.files().get(4).rows()).isEqualTo(1);
    }

    @Test
    void parquetPartitionsByTimestampReadBackWhole() throws Exception {
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.PARQUET).partitionColumn("TS").parallel(false)
                .build();

        ArchiveResult result = new SliceArchiver().write(src.rows(), options, store, GEN1);

        assertThat(result.files()).extracting(ArchivedFile::key).contains(
                GEN1 + "ts=2020-03-21 10%3A00%3A00/0000_part_00.parquet",
                GEN1 + "ts=2020-03-21 10%3A00%3A00.123456/0000_part_00.parquet",
                GEN1 + "ts=__HIVE_DEFAULT_PARTITION__/0000_part_00.parquet").hasSize(6);
        assertSameRows("src", parquetGlob(GEN1));
    }

    @Test
    void tooManyOpenPartitionsCloseTheLeastRecentlyUsedAndContinueItsParts() throws Exception {
        src.addGenerated(30); // dates cycle 21, 22, 23: with 2 open files every row evicts one
        UnloadOptions options = UnloadOptions.builder().partitionColumn("d").parallel(false).build();

        ArchiveResult result = new SliceArchiver(0, 2)
                .write(src.query("SELECT id, d FROM src WHERE id >= 100 ORDER BY id"), options, store, GEN1);

        assertThat(result.rows()).isEqualTo(30);
        assertThat(result.files()).hasSize(30).allSatisfy(f -> assertThat(f.rows()).isEqualTo(1));
        assertThat(result.files()).extracting(ArchivedFile::key)
                .contains(GEN1 + "d=2020-03-21/0000_part_00", GEN1 + "d=2020-03-21/0000_part_09",
                        GEN1 + "d=2020-03-23/0000_part_09");
        assertThat(ArchiveReader.readRows(store, GEN1, options)).hasSize(30);
    }

    @Test
    void rollsToTheNextPartAtMaxFileSize() throws Exception {
        src.execute("CREATE TABLE big AS SELECT i AS id, md5(i::varchar) || md5((i + 1)::varchar) AS t "
                + "FROM range(160000) r(i)");
        UnloadOptions options = UnloadOptions.builder()
                .maxFileSize(io.rslc.api.MaxFileSize.parse("5 MB").orElseThrow()).parallel(false).build();
        long limit = 5L << 20;

        ArchiveResult result = new SliceArchiver().write(src.query("SELECT * FROM big ORDER BY id"), options, store, GEN1);

        assertThat(result.files()).extracting(ArchivedFile::key)
                .containsExactly(GEN1 + "0000_part_00", GEN1 + "0000_part_01", GEN1 + "0000_part_02");
        for (ArchivedFile f : result.files().subList(0, 2)) {
            assertThat(f.bytes()).isBetween(limit, limit + (16 << 10)); // writer buffers lag by < 16 KiB
            assertThat(Files.size(root.resolve(f.key()))).isEqualTo(f.bytes());
        }
        assertThat(result.files()).extracting(ArchivedFile::rows).containsExactly(
                result.files().get(0).rows(), result.files().get(1).rows(), 160000 - result.files().get(0).rows()
                        - result.files().get(1).rows());
        List<List<String>> rows = ArchiveReader.readRows(store, GEN1, options);
        assertThat(rows).hasSize(160000);
        assertThat(rows.get(123456).get(0)).isEqualTo("123456");
    }

    @Test
    void rollingAppliesToCompressedAndParquetFiles() throws Exception {
        src.execute("CREATE TABLE big AS SELECT i AS id, md5(i::varchar) AS t FROM range(40000) r(i)");
        long limit = 256 << 10;
        for (FileFormat format : List.of(FileFormat.CSV, FileFormat.PARQUET)) {
            String folder = "rslc_slice=" + format + "/rslc_gen=1/";
            UnloadOptions options = UnloadOptions.builder().format(format).compression(
                    format == FileFormat.CSV ? Compression.GZIP : Compression.NONE).build();

            ArchiveResult result = new SliceArchiver(limit, 32)
                    .write(src.query("SELECT * FROM big ORDER BY id"), options, store, folder);

            assertThat(result.files()).hasSizeGreaterThan(2);
            assertThat(result.files()).allSatisfy(f -> assertThat(f.bytes()).isLessThan(limit * 2));
            assertThat(result.files().get(1).key()).endsWith("0000_part_01" + (format == FileFormat.CSV ? ".gz" : ".parquet"));
            assertThat(result.rows()).isEqualTo(40000);
            if (format == FileFormat.PARQUET) {
                assertSameRows("big", parquetGlob(folder));
            } else {
                assertThat(ArchiveReader.readRows(store, folder, options)).hasSize(40000);
            }
        }
    }

    @Test
    void manifestListsFilesWithCountsThatAddUp() throws Exception {
        src.addGenerated(500);
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.CSV).partitionColumn("d").build();

        ArchiveResult result = new SliceArchiver().write(
                src.query("SELECT *, id AS \"we\"\"ird\\name\" FROM src ORDER BY id"), options, store, GEN1);

        assertThat(result.manifestKey()).isEqualTo(GEN1 + "manifest");
        String manifest = "read_json('" + root.resolve(result.manifestKey()) + "', format = 'auto')";
        assertThat(src.scalar("SELECT meta.record_count FROM " + manifest)).isEqualTo("506");
        assertThat(src.scalar("SELECT meta.content_length FROM " + manifest)).isEqualTo(String.valueOf(result.bytes()));
        assertThat(src.scalar("SELECT author.name || ' ' || author.version FROM " + manifest)).isEqualTo("rslc 1");
        assertThat(src.strings("SELECT e.url, e.meta.record_count, e.meta.content_length FROM "
                + "(SELECT unnest(entries) AS e FROM " + manifest + ")"))
                .isEqualTo(result.files().stream().map(f -> List.of(store.uri(f.key()), String.valueOf(f.rows()),
                        String.valueOf(f.bytes()))).toList());
        assertThat(src.scalar("SELECT sum(e.meta.record_count) FROM (SELECT unnest(entries) AS e FROM " + manifest + ")"))
                .isEqualTo("506");
        assertThat(src.strings("SELECT el.name || ': ' || el.type.base || coalesce(' ' || el.type.precision || ',' "
                + "|| el.type.scale, '') FROM (SELECT unnest(schema.elements) AS el FROM " + manifest + ")"))
                .extracting(r -> r.get(0)).containsExactly("id: integer", "d: date", "ts: timestamp without time zone",
                        "tz: timestamp with time zone", "n: numeric 12,2", "w: numeric 38,10", "si: smallint",
                        "b: bigint", "r: real", "db: double precision", "t: character varying", "bo: boolean",
                        "we\"ird\\name: integer");
    }

    @Test
    void aNewAttemptClearsTheOldAttemptOfItsOwnFolderOnly() throws Exception {
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.CSV).build();
        new SliceArchiver().write(src.rows(), options, store, GEN1);
        List<StoredFile> gen1 = store.list(GEN1);
        String gen1Data = raw(GEN1 + "0000_part_00");
        Files.createDirectories(root.resolve(GEN2 + "d=x"));
        Files.writeString(root.resolve(GEN2 + "0000_part_07"), "left by a crashed attempt");
        Files.writeString(root.resolve(GEN2 + "d=x/0000_part_00"), "left by a crashed attempt");

        new SliceArchiver().write(src.query("SELECT * FROM src WHERE id > 4"), options, store, GEN2);

        assertThat(store.list(GEN2)).extracting(StoredFile::key).containsExactly(GEN2 + "0000_part_00", GEN2 + "manifest");
        assertThat(store.list(GEN1)).isEqualTo(gen1);
        assertThat(raw(GEN1 + "0000_part_00")).isEqualTo(gen1Data);
    }

    @Test
    void noRowsWritesOnlyTheManifest() throws Exception {
        ArchiveResult result = new SliceArchiver().write(src.query("SELECT * FROM src WHERE id < 0"),
                UnloadOptions.builder().format(FileFormat.PARQUET).build(), store, GEN1);

        assertThat(result.rows()).isZero();
        assertThat(result.files()).isEmpty();
        assertThat(store.list(GEN1)).extracting(StoredFile::key).containsExactly(GEN1 + "manifest");
        assertThat(raw(GEN1 + "manifest")).contains("\"entries\": [],", "\"record_count\": 0");
    }

    @Test
    void anUnknownPartitionColumnIsAClearError() {
        UnloadOptions options = UnloadOptions.builder().partitionColumn("load_date").build();

        assertThatThrownBy(() -> new SliceArchiver().write(src.query("SELECT id, d FROM src"), options, store, GEN1))
                .isInstanceOf(RslcException.class)
                .hasMessage("partition column 'load_date' is not among the archived columns [id, d]");
    }

    @Test
    void aFailureWhileReadingLeavesNoManifestAndNoOpenFile() throws Exception {
        UnloadOptions options = UnloadOptions.builder().build();
        // DuckDB streams ahead by some 650k rows, so the failing row must come later
        var rows = src.streamingQuery("SELECT i, CASE WHEN i < 1000000 THEN i::varchar "
                + "ELSE error(concat('boom ', i)) END AS x FROM range(2000000) r(i)");

        assertThatThrownBy(() -> new SliceArchiver().write(rows, options, store, GEN1))
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("boom")
                .satisfies(e -> assertThat(((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.WAREHOUSE));
        assertThat(store.list(GEN1)).isEmpty();
    }

    private void assertSameRows(String table, String files) throws SQLException {
        assertThat(src.scalar("SELECT count(*) FROM " + files)).isEqualTo(src.scalar("SELECT count(*) FROM " + table));
        assertThat(src.strings("SELECT * FROM " + table + " EXCEPT ALL SELECT * FROM " + files)).isEmpty();
        assertThat(src.strings("SELECT * FROM " + files + " EXCEPT ALL SELECT * FROM " + table)).isEmpty();
    }

    private String parquetGlob(String folder) {
        return "read_parquet('" + root.resolve(folder) + "/**/*.parquet', hive_partitioning = false)";
    }

    private String raw(String key) throws IOException {
        return Files.readString(root.resolve(key), StandardCharsets.UTF_8);
    }

    private String magic(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            StringBuilder sb = new StringBuilder();
            for (byte b : in.readNBytes(4)) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        }
    }
}
