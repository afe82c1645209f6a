package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.SliceArchiver;
import io.rslc.internal.archive.SourceTable;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.archive.store.Fsyncs;
import io.rslc.internal.archive.store.LocalArchiveStore;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local folder store: keys, listing, deletion and the messages of its failures. */
class LocalArchiveStoreTest {

    @TempDir
    Path tmp;
    Path root;
    ArchiveStore store;

    @BeforeEach
    void setUp() {
        root = tmp.resolve("archive/t1");
        store = ArchiveStores.open(ArchiveLocation.local(root), null);
    }

    /** Archived rows are for rslc's user alone: new files 0600, new folders 0700; an existing folder is kept. */
    @Test
    void createdFilesAndFoldersAreOwnerOnly() throws Exception {
        Files.createDirectories(tmp.resolve("archive"));
        Files.setPosixFilePermissions(tmp.resolve("archive"), PosixFilePermissions.fromString("rwxr-x---"));
        ArchiveOutput out = store.create("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00");
        out.write(new byte[] {1});
        out.close();
        store.sync();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("archive"))))
                .as("an existing folder keeps its permissions").isEqualTo("rwxr-x---");
        for (Path folder : new Path[] {root, root.resolve("rslc_slice=2020-06-01"),
                root.resolve("rslc_slice=2020-06-01/rslc_gen=1")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                root.resolve("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00")))).isEqualTo("rw-------");
        try (var in = store.open("rslc_slice=2020-06-01/rslc_gen=1/0000_part_00")) {
            assertThat(in.readAllBytes()).containsExactly(1);
        }
    }

    @Test
    void syncReturnsOnlyOnceEveryCompletedFileAndEveryFolderUpToTheRootIsOnDisk() throws Exception {
        java.util.List<String> forced = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Files.createDirectories(root.resolve("s=2/g=0")); // left by an earlier attempt that never synced
        LocalArchiveStore local = new LocalArchiveStore(ArchiveLocation.local(root), new Fsyncs((path, folder) -> {
            try {
                release.await(); // the fsync thread is slow: sync() must wait for it
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            forced.add((folder ? "dir " : "file ") + root.relativize(path));
        }));
        for (String key : new String[] {"s=1/g=1/0000_part_00", "s=1/g=1/manifest", "s=2/g=1/manifest"}) {
            ArchiveOutput out = local.create(key);
            out.write(new byte[] {1, 2, 3});
            out.close();
        }
        ArchiveOutput aborted = local.create("s=3/g=1/0000_part_00");
        aborted.abort();

        Thread sync = new Thread(local::sync);
        sync.start();
        sync.join(300);
        assertThat(sync.isAlive()).as("sync waits for the fsyncs").isTrue();
        release.countDown();
        sync.join(10_000);
        assertThat(sync.isAlive()).isFalse();

        assertThat(forced).contains("file s=1/g=1/0000_part_00", "file s=1/g=1/manifest", "file s=2/g=1/manifest",
                "dir s=1/g=1", "dir s=1", "dir ", "dir ..", "dir s=2/g=1", "dir s=2")
                .doesNotContain("file s=3/g=1/0000_part_00");
    }

    @Test
    void aFileThatCannotBeFsyncedFailsTheSync() {
        LocalArchiveStore fileFails = new LocalArchiveStore(ArchiveLocation.local(root), new Fsyncs((path, folder) -> {
            if (!folder) {
                throw new java.io.IOException("device error");
            }
        }));
        ArchiveOutput bad = fileFails.create("s=2/g=1/0000_part_00");
        bad.write(new byte[] {1});
        bad.close(); // the flush starts now, in the background; its failure surfaces at sync()
        assertThatThrownBy(fileFails::sync).isInstanceOf(io.rslc.api.RslcException.class)
                .hasMessageContaining("fsync").hasMessageContaining("device error");
    }

    @Test
    void writesListsReadsAndDeletesByRelativeKey() throws Exception {
        write("s=1/g=1/b.txt", "bb");
        write("s=1/g=1/a.txt", "a");
        write("s=1/g=2/c.txt", "ccc");
        write("s=10/g=1/d.txt", "dddd");

        assertThat(store.list("")).containsExactly(new StoredFile("s=1/g=1/a.txt", 1), new StoredFile("s=1/g=1/b.txt", 2),
                new StoredFile("s=1/g=2/c.txt", 3), new StoredFile("s=10/g=1/d.txt", 4));
        assertThat(store.list("s=1/")).hasSize(3);
        assertThat(store.list("nothing/")).isEmpty();
        try (InputStream in = store.open("s=1/g=2/c.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ccc");
        }
        assertThat(store.uri("s=1/g=2/c.txt")).isEqualTo(root.toAbsolutePath() + "/s=1/g=2/c.txt");

        store.deleteFolder("s=1/g=1/");
        store.deleteFolder("not/there/");

        assertThat(store.list("")).extracting(StoredFile::key).containsExactly("s=1/g=2/c.txt", "s=10/g=1/d.txt");
    }

    @Test
    void anAbortedFileIsGone() {
        ArchiveOutput out = store.create("x/part");
        out.write(new byte[100]);
        out.abort();
        out.close();

        assertThat(Files.exists(root.resolve("x/part"))).isFalse();
        assertThat(out.bytesWritten()).isEqualTo(100);
    }

    @Test
    void keysCannotLeaveTheRoot() {
        assertThatThrownBy(() -> store.create("../t2/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("/etc/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteFolder("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole archive");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> store.open("s=1/none"))
                .isInstanceOf(RslcException.class)
                .hasMessage("cannot read " + root.toAbsolutePath() + "/s=1/none: no such file or folder");
    }

    @Test
    void aFileWhereAFolderShouldBeIsAClearError() throws Exception {
        Files.createDirectories(root.getParent());
        Files.writeString(root, "not a folder");

        assertThatThrownBy(() -> store.create("s=1/part"))
                .isInstanceOf(RslcException.class)
                .satisfies(e -> assertThat(((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.ARCHIVE))
                .hasMessageStartingWith("cannot write " + root.toAbsolutePath() + "/s=1/part: ");
    }

    @Test
    void aReadOnlyFolderIsAClearError() throws Exception {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (Files.isWritable(root)) { // root ignores permission bits; the immutable attribute stops it too
                immutable = run("chattr", "+i", root.toString());
            }
            assumeTrue(!Files.isWritable(root), "cannot make a read-only folder on this machine");

            assertThatThrownBy(() -> store.create("s=1/g=1/0000_part_00"))
                    .isInstanceOf(RslcException.class)
                    .hasMessageStartingWith("cannot write " + root.toAbsolutePath() + "/s=1/g=1/0000_part_00: ")
                    .hasMessageMatching(".*: (permission denied|operation not permitted) \\(.*/t1/s=1\\)");
            SourceTable src = new SourceTable();
            try (src) {
                assertThatThrownBy(() -> new SliceArchiver().write(src.rows(), UnloadOptions.builder().build(), store,
                        "s=1/g=1/"))
                        .isInstanceOf(RslcException.class)
                        .hasMessageMatching("cannot write .*/t1/s=1/g=1/0000_part_00: "
                                + "(permission denied|operation not permitted).*");
            }
        } finally {
            if (immutable) {
                run("chattr", "-i", root.toString());
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void write(String key, String content) {
        try (ArchiveOutput out = store.create(key)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false; // no chattr on this machine
        }
    }
}
