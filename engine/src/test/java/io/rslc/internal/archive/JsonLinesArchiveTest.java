package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.restore.ArchivedRows;
import io.rslc.internal.verify.RowCounter;
import io.rslc.spi.ArchiveStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PostgreSQL path's FORMAT JSON (JSON lines written client-side, as Redshift's UNLOAD writes them), EXTENSION
 * (the files' suffix) and ROWGROUPSIZE, written to a local store from DuckDB rows, then counted ({@code rslc
 * verify}) and read back ({@code rslc restore}).
 */
class JsonLinesArchiveTest {

    private static final String GEN1 = SliceArchiverTest.GEN1;

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

    private String raw(String key) throws Exception {
        return Files.readString(root.resolve(key), StandardCharsets.UTF_8);
    }

    @Test
    void oneObjectPerRowNumbersAsNumbersNullAsNull() throws Exception {
        UnloadOptions json = UnloadOptions.builder().format(FileFormat.JSON).build();

        ArchiveResult r = new SliceArchiver().write(src.query("SELECT * FROM src WHERE id IN (1, 3, 4, 5) ORDER BY id"),
                json, store, GEN1);

        assertThat(r.files()).extracting(ArchivedFile::key).containsExactly(GEN1 + "0000_part_00");
        assertThat(raw(GEN1 + "0000_part_00")).isEqualTo("""
                {"id":1,"d":"2020-03-21","ts":"2020-03-21 10:00:00","tz":"2020-03-21 08:00:00+00","n":1234.50,\
                "w":12345678901234567890.0123456789,"si":7,"b":9000000000,"r":1.5,"db":2.25,"t":"plain","bo":"t"}
                {"id":3,"d":null,"ts":null,"tz":null,"n":null,"w":null,"si":null,"b":null,"r":null,"db":null,\
                "t":null,"bo":null}
                {"id":4,"d":"2020-03-22","ts":"1970-01-01 00:00:00.5","tz":"2020-03-22 00:00:00+00","n":0.00,\
                "w":0.0000000000,"si":0,"b":0,"r":0.1,"db":0.1,"t":"","bo":"t"}
                {"id":5,"d":"2020-03-22","ts":"2020-03-22 23:59:59","tz":"2020-03-22 23:59:59+00","n":99999.99,\
                "w":1.5000000000,"si":32767,"b":1,"r":1e-10,"db":-1.5e-07,"t":"NULL","bo":"f"}
                """);
    }

    @Test
    void awkwardTextIsEscapedAndNonFiniteNumbersAreStrings() throws Exception {
        src.execute("INSERT INTO src (id, r, db, t) VALUES (7, 'NaN', '-Infinity', chr(1) || '\"/\\')");
        UnloadOptions json = UnloadOptions.builder().format(FileFormat.JSON).build();

        new SliceArchiver().write(src.query("SELECT id, r, db, t FROM src WHERE id IN (2, 7) ORDER BY id"), json,
                store, GEN1);

        assertThat(raw(GEN1 + "0000_part_00")).isEqualTo(
                "{\"id\":2,\"r\":-3.25,\"db\":1e+300,\"t\":\"a|b\\\"c\\\\d\\ne\\r'f,g Ünïcødé 🎉\\ttab\"}\n"
                + "{\"id\":7,\"r\":\"NaN\",\"db\":\"-Infinity\",\"t\":\"\\u0001\\\"/\\\\\"}\n");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Compression.class)
    void everyCompressionIsCountedAndReadBackToTheSourceRows(Compression compression) throws Exception {
        src.addGenerated(3000);
        UnloadOptions json = UnloadOptions.builder().format(FileFormat.JSON).compression(compression).build();

        ArchiveResult r = new SliceArchiver().write(src.rows(), json, store, GEN1);

        assertThat(r.rows()).isEqualTo(3006);
        assertThat(r.files()).allSatisfy(f -> assertThat(f.key()).endsWith("_part_00" + compression.suffix()));
        long counted = 0;
        for (ArchivedFile f : r.files()) {
            counted += RowCounter.count(store, f.key(), json);
        }
        assertThat(counted).isEqualTo(3006);
        List<List<String>> back = ArchiveReader.readRows(store, GEN1, json);
        assertThat(back).hasSize(3006);
        assertThat(back.stream().filter(row -> Integer.parseInt(row.get(0)) < 100).toList())
                .isEqualTo(SourceTable.EXPECTED_TEXT);

        List<String[]> restored = new ArrayList<>();
        ArchivedRows.read(store, ManifestFile.read(store, r.manifestKey()), json, restored::add);
        assertThat(restored).hasSize(3006);
        assertThat(restored.stream().map(Arrays::asList).toList()).containsExactlyInAnyOrderElementsOf(back);
    }

    @Test
    void extensionReplacesTheSuffixForEveryFormat() throws Exception {
        UnloadOptions json = UnloadOptions.builder().format(FileFormat.JSON).compression(Compression.GZIP)
                .extension("jsonl.gz").build();
        ArchiveResult r = new SliceArchiver().write(src.rows(), json, store, GEN1);
        assertThat(r.files()).extracting(ArchivedFile::key).containsExactly(GEN1 + "0000_part_00.jsonl.gz");
        assertThat(RowCounter.count(store, GEN1 + "0000_part_00.jsonl.gz", json)).isEqualTo(6);

        UnloadOptions parquet = UnloadOptions.builder().format(FileFormat.PARQUET).extension("pq").build();
        ArchiveResult p = new SliceArchiver().write(src.rows(), parquet, store, SliceArchiverTest.GEN2);
        assertThat(p.files()).extracting(ArchivedFile::key).containsExactly(SliceArchiverTest.GEN2 + "0000_part_00.pq");
        assertThat(RowCounter.count(store, SliceArchiverTest.GEN2 + "0000_part_00.pq", parquet)).isEqualTo(6);
    }

    @Test
    void rowGroupSizeSizesASingleSlicesParquetRowGroups() {
        UnloadOptions rule = UnloadOptions.builder().format(FileFormat.PARQUET).rowGroupSizeMb(32).build();
        assertThat(PartFileOpeners.rowGroupBytes(rule, false)).isEqualTo(32L << 20);
        assertThat(PartFileOpeners.rowGroupBytes(UnloadOptions.builder().format(FileFormat.PARQUET).build(), false))
                .isEqualTo(PartFileOpeners.ROW_GROUP_BYTES);
        // many open files (partitions, batches): small row groups whatever the rule says, so they fit in memory
        assertThat(PartFileOpeners.rowGroupBytes(rule, true)).isEqualTo(PartFileOpeners.PARTITIONED_ROW_GROUP_BYTES);
    }
}
