package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local archive never writes, truncates, reads or deletes through a symbolic link below its root (issue 16's
 * security campaign), while a root that is itself a link (an archive on another disk) works as a folder.
 */
class LocalArchiveLinksTest {

    @TempDir
    Path tmp;
    Path root;
    Path victim;
    ArchiveStore store;

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("archive/t");
        victim = tmp.resolve("victim");
        Files.createDirectories(root);
        Files.createDirectories(victim.resolve("rslc_gen=1"));
        Files.writeString(victim.resolve("rslc_gen=1/0000_part_00"), "precious");
        Files.writeString(victim.resolve("secret"), "precious");
        store = ArchiveStores.open(ArchiveLocation.local(root), null);
    }

    @Test
    void aSliceFolderThatIsALinkIsNeverWrittenThroughNorDeletedThrough() throws Exception {
        Files.createSymbolicLink(root.resolve("rslc_slice=2020-06-01"), victim);

        assertThatThrownBy(() -> store.create("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00"))
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("cannot write " + root.resolve("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00"))
                .hasMessageContaining(": is a symbolic link inside the archive, which rslc never follows")
                .hasMessageEndingWith("(" + root.resolve("rslc_slice=2020-06-01") + ")");
        assertThatThrownBy(() -> store.deleteFolder("rslc_slice=2020-06-01/rslc_gen=1/"))
                .hasMessageContaining("is a symbolic link inside the archive");
        assertThatThrownBy(() -> store.open("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00"))
                .hasMessageContaining("is a symbolic link inside the archive");
        assertThat(store.list("")).as("the walk does not follow the link").isEmpty();

        store.deleteFolder("rslc_slice=2020-06-01/"); // removes the link itself, as an orphan's clean-up would
        assertThat(root.resolve("rslc_slice=2020-06-01")).doesNotExist();
        assertThat(Files.readString(victim.resolve("rslc_gen=1/0000_part_00"))).isEqualTo("precious");
    }

    @Test
    void aFileThatIsALinkIsNeitherTruncatedNorRead() throws Exception {
        Files.createDirectories(root.resolve("rslc_slice=2020-06-01/rslc_gen=1"));
        Path link = root.resolve("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00");
        Files.createSymbolicLink(link, victim.resolve("secret"));

        assertThatThrownBy(() -> store.create("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00"))
                .hasMessageContaining("is a symbolic link inside the archive");
        assertThatThrownBy(() -> store.open("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00"))
                .hasMessageContaining("is a symbolic link inside the archive");
        assertThat(store.list("rslc_slice=2020-06-01/")).as("a link is not an archive file").isEmpty();
        assertThat(Files.readString(victim.resolve("secret"))).isEqualTo("precious");
    }

    @Test
    void aRootThatIsALinkIsAnOrdinaryArchive() throws Exception {
        Path real = tmp.resolve("disk2/archive");
        Files.createDirectories(real);
        Path linked = tmp.resolve("linked");
        Files.createSymbolicLink(linked, real);
        ArchiveStore viaLink = ArchiveStores.open(ArchiveLocation.local(linked), null);

        ArchiveOutput out = viaLink.create("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00");
        out.write("rows".getBytes(StandardCharsets.UTF_8));
        out.close();

        assertThat(viaLink.list("")).extracting(StoredFile::key)
                .containsExactly("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00");
        assertThat(real.resolve("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00")).hasContent("rows");
        try (var in = viaLink.open("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rows");
        }
        viaLink.deleteFolder("rslc_slice=2020-06-01/");
        assertThat(viaLink.list("")).isEmpty();
        assertThat(real).exists();
    }
}
