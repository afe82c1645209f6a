package io.rslc.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SliceReport;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.exec.JournalEntry;
import io.rslc.internal.plan.ArchiveLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CommittedArchive} over a local archive folder and hand-made journal entries. */
class CommittedArchiveTest {

    @TempDir
    Path dir;

    static final String MANIFEST_V1 = """
            {"entries": [], "schema": {"elements": [{"name": "id", "type": {"base": "bigint"}}]}}""";
    static final String MANIFEST_V2 = """
            {"entries": [], "schema": {"elements": [
              {"name": "id", "type": {"base": "bigint"}},
              {"name": "amt", "type": {"base": "numeric", "precision": 10, "scale": 2}}]}}""";

    Rule rule(String partitionColumn) {
        return Rule.builder().table("s", "a").column("d").unload(UnloadOptions.builder().format(FileFormat.PARQUET)
                .partitionColumn(partitionColumn).location(ArchiveLocation.local(dir)).build()).build();
    }

    JournalEntry entry(String day, int generation, long rows, int committedSecond) {
        Slice slice = Slice.containing(Granularity.DAILY, LocalDate.parse(day));
        String folder = ArchiveLayout.attempt(ArchiveLocation.local(dir), slice, generation).root();
        Instant at = Instant.parse("2020-06-20T00:00:00Z").plusSeconds(committedSecond);
        return new JournalEntry("run", new TableName("s", "a"), "d", "unload_and_delete",
                new SliceReport(slice, generation, rows, rows, 1, 10, folder, 0, Duration.ZERO), at, at);
    }

    void file(String key, String text) throws IOException {
        Path p = dir.resolve(key);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void onlyJournaledAttemptsArePartitionsAndTheNewestManifestGivesTheColumns() throws IOException {
        file("rslc_slice=2020-06-10/rslc_gen=1/0000_part_00.parquet", "x");
        file("rslc_slice=2020-06-10/rslc_gen=1/manifest", MANIFEST_V1);
        file("rslc_slice=2020-06-10/rslc_gen=2/manifest", MANIFEST_V2);
        file("rslc_slice=2020-06-11/rslc_gen=1/manifest", MANIFEST_V1);
        file("rslc_slice=2020-06-10/rslc_gen=3/0000_part_00.parquet", "uncommitted");

        CommittedArchive a = CommittedArchive.read(rule(null), List.of(entry("2020-06-10", 1, 5, 1),
                entry("2020-06-10", 2, 3, 3), entry("2020-06-11", 1, 7, 2)), ArchiveStores.using(List.of()));

        assertThat(a.partitions()).extracting(CatalogPartition::values).containsExactly(
                List.of("2020-06-10", "1"), List.of("2020-06-10", "2"), List.of("2020-06-11", "1"));
        assertThat(a.partitions().get(1).location()).isEqualTo(dir + "/rslc_slice=2020-06-10/rslc_gen=2/");
        assertThat(a.partitions()).noneMatch(p -> p.location().contains("rslc_gen=3"));
        assertThat(a.columns()).containsExactly(new ManifestColumn("id", "bigint", 0, 0),
                new ManifestColumn("amt", "numeric", 10, 2));
    }

    @Test
    void aMissingNewestManifestFallsBackToAnOlderOne() throws IOException {
        file("rslc_slice=2020-06-10/rslc_gen=1/manifest", MANIFEST_V1);
        CommittedArchive a = CommittedArchive.read(rule(null), List.of(entry("2020-06-10", 1, 5, 1),
                entry("2020-06-11", 1, 5, 2)), ArchiveStores.using(List.of()));
        assertThat(a.columns()).containsExactly(new ManifestColumn("id", "bigint", 0, 0));
        assertThat(a.partitions()).hasSize(2);
    }

    @Test
    void noReadableManifestIsAClearError() {
        assertThatThrownBy(() -> CommittedArchive.read(rule(null), List.of(entry("2020-06-10", 1, 5, 1)),
                ArchiveStores.using(List.of())))
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("no readable manifest in the 1 newest committed attempt folder(s)")
                .hasMessageContaining("rslc_slice=2020-06-10/rslc_gen=1/manifest");
    }

    @Test
    void nothingJournaledIsNothingToRegister() {
        CommittedArchive a = CommittedArchive.read(rule(null), List.of(), ArchiveStores.using(List.of()));
        assertThat(a.columns()).isEmpty();
        assertThat(a.partitions()).isEmpty();
    }

    @Test
    void partitionColumnFoldersBecomePartitionsWithTheirUnescapedValues() throws IOException {
        file("rslc_slice=2020-06-10/rslc_gen=1/manifest", MANIFEST_V1);
        file("rslc_slice=2020-06-10/rslc_gen=1/ts=2020-06-10 10%3A00%3A00/0000_part_00.parquet", "x");
        file("rslc_slice=2020-06-10/rslc_gen=1/ts=2020-06-10 10%3A00%3A00/0000_part_01.parquet", "x");
        file("rslc_slice=2020-06-10/rslc_gen=1/ts=__HIVE_DEFAULT_PARTITION__/0000_part_00.parquet", "x");
        file("rslc_slice=2020-06-10/rslc_gen=1/ts=100%25/.hidden", "x");

        CommittedArchive a = CommittedArchive.read(rule("TS"), List.of(entry("2020-06-10", 1, 5, 1)),
                ArchiveStores.using(List.of()));

        assertThat(a.partitions()).extracting(CatalogPartition::values).containsExactly(
                List.of("2020-06-10", "1", "100%"),
                List.of("2020-06-10", "1", "2020-06-10 10:00:00"),
                List.of("2020-06-10", "1", "__HIVE_DEFAULT_PARTITION__"));
        assertThat(a.partitions().get(1).location())
                .isEqualTo(dir + "/rslc_slice=2020-06-10/rslc_gen=1/ts=2020-06-10 10%3A00%3A00/");
    }

    @Test
    void aDataFileOutsideThePartitionFoldersIsAnError() throws IOException {
        file("rslc_slice=2020-06-10/rslc_gen=1/manifest", MANIFEST_V1);
        file("rslc_slice=2020-06-10/rslc_gen=1/0000_part_00.parquet", "x");
        assertThatThrownBy(() -> CommittedArchive.read(rule("ts"), List.of(entry("2020-06-10", 1, 5, 1)),
                ArchiveStores.using(List.of())))
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("holds 0000_part_00.parquet, which is outside every ts=<value>/ folder");
    }

    @Test
    void manifestsWithoutASchemaOrNotJsonAreRefused() {
        assertThat(ManifestColumn.parse(MANIFEST_V2, "m")).hasSize(2);
        assertThatThrownBy(() -> ManifestColumn.parse("{\"entries\": []}", "s3://b/m"))
                .hasMessageContaining("cannot read the columns of s3://b/m: no schema.elements");
        assertThatThrownBy(() -> ManifestColumn.parse("{\"entries\": [", "s3://b/m"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ManifestColumn.parse("{\"schema\": {\"elements\": [{\"name\": \"x\"}]}}", "m"))
                .hasMessageContaining("without a name and type.base");
    }
}
