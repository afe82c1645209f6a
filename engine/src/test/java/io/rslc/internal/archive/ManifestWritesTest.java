package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.spi.ArchiveStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWritesTest {

    @TempDir
    Path tmp;

    @Test
    void filesGoToTheFolderThatIsTheLongestPrefixOfTheirKey() {
        ArchivedFile a = new ArchivedFile("s=1/g=1/0000_part_00", 10, 1);
        ArchivedFile b = new ArchivedFile("s=1/g=1/col=x/0001_part_00.parquet", 20, 2);
        ArchivedFile c = new ArchivedFile("s=10/g=1/0000_part_00", 30, 3);
        ArchivedFile stray = new ArchivedFile("other/0000_part_00", 40, 4);

        Map<String, List<ArchivedFile>> byFolder = ManifestWrites.byFolder(List.of(a, b, c, stray),
                List.of("s=1/g=1/", "s=10/g=1/", "s=2/g=1/"));

        assertThat(byFolder.get("s=1/g=1/")).containsExactly(a, b);
        assertThat(byFolder.get("s=10/g=1/")).containsExactly(c);
        assertThat(byFolder.get("s=2/g=1/")).isEmpty();
        assertThat(byFolder).doesNotContainKey("other/");
    }

    @Test
    void writesEveryManifestAndFailsWithTheFirstErrorAfterAllFinished() throws Exception {
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.local(tmp.resolve("archive")), null);
        Map<String, String> manifests = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            manifests.put("s=" + i + "/g=1/manifest", "{\"n\": " + i + "}\n");
        }
        ManifestWrites.writeAll(store, manifests);
        for (int i = 0; i < 50; i++) {
            assertThat(Files.readString(tmp.resolve("archive/s=" + i + "/g=1/manifest"), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\": " + i + "}\n");
        }

        Files.writeString(tmp.resolve("archive/blocker"), "a file where a folder must go");
        Map<String, String> some = new LinkedHashMap<>();
        some.put("s=100/g=1/manifest", "{}\n");
        some.put("blocker/g=1/manifest", "{}\n");
        some.put("s=101/g=1/manifest", "{}\n");
        assertThatThrownBy(() -> ManifestWrites.writeAll(store, some)).isInstanceOf(RslcException.class)
                .hasMessageContaining("blocker");
        assertThat(tmp.resolve("archive/s=100/g=1/manifest")).exists();
        assertThat(tmp.resolve("archive/s=101/g=1/manifest")).exists();
    }
}
