package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.RslcException;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.ArchiveReader;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.archive.ArchivedFile;
import io.rslc.internal.archive.SliceArchiver;
import io.rslc.internal.archive.SliceEnds;
import io.rslc.internal.archive.SourceTable;
import io.rslc.internal.archive.TupleSlicesTest;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.aws.s3.S3ArchiveStore;
import io.rslc.internal.aws.s3.S3ArchiveStores;
import io.rslc.internal.aws.s3.S3Clients;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Properties;
import java.util.Random;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3 protocol server (s3proxy, in memory, on loopback). */
class S3ArchiveStoreTest {

    private static final String ACCESS_KEY = "rslc-test";
    private static final String SECRET_KEY = "s3cr3t-never-printed";
    private static final int PART = 5 << 20;

    static S3Proxy proxy;
    static S3Client s3;
    static String unavailable;
    ArchiveLocation location;
    ArchiveStore store;

    @BeforeAll
    static void startS3() throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.identity", ACCESS_KEY);
        p.setProperty("jclouds.credential", SECRET_KEY);
        try {
            proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient-nio2", p))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
        } catch (NoClassDefFoundError e) {
            // s3proxy 4.1.0 uses Jackson 3, which needs com.fasterxml.jackson.core:jackson-annotations 2.21 or later
            unavailable = "s3proxy cannot start (" + e + "): the test class path needs jackson-annotations >= 2.21";
            return;
        }
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        s3 = S3Clients.forEndpoint(URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1", ACCESS_KEY,
                SECRET_KEY);
        s3.createBucket(b -> b.bucket("archive"));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo test) {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        location = ArchiveLocation.s3("s3://archive/tables/" + test.getTestMethod().orElseThrow().getName());
        store = new S3ArchiveStore(location, s3, PART);
    }

    @Test
    void writesListsReadsAndDeletesByRelativeKey() throws Exception {
        write("s=1/g=1/b.txt", "bb");
        write("s=1/g=1/a.txt", "a");
        write("s=1/g=2/c.txt", "ccc");
        ArchiveStore sibling = ArchiveStores.open(ArchiveLocation.s3(location.root().replaceAll("/$", "") + "0"), new S3ArchiveStores(s3));
        sibling.create("s=1/g=1/other.txt").close();

        assertThat(store.list("")).containsExactly(new StoredFile("s=1/g=1/a.txt", 1),
                new StoredFile("s=1/g=1/b.txt", 2), new StoredFile("s=1/g=2/c.txt", 3));
        assertThat(store.list("s=1/g=1/")).hasSize(2);
        try (InputStream in = store.open("s=1/g=2/c.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ccc");
        }
        assertThat(store.uri("s=1/g=2/c.txt")).isEqualTo(location.root() + "s=1/g=2/c.txt");

        store.deleteFolder("s=1/g=1/");

        assertThat(store.list("")).extracting(StoredFile::key).containsExactly("s=1/g=2/c.txt");
        assertThat(sibling.list("")).hasSize(1);
    }

    @Test
    void aLargeFileIsAMultipartUploadWithBoundedMemory() throws Exception {
        byte[] chunk = new byte[64 << 10];
        Random random = new Random(42);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        ArchiveOutput out = store.create("big/0000_part_00");
        for (int i = 0; i < 190; i++) { // 11.9 MiB: two full 5 MiB parts and a smaller last one
            random.nextBytes(chunk);
            written.update(chunk);
            out.write(chunk);
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket("archive")).uploads()).hasSize(1);
        out.close();

        assertThat(store.list("big/")).containsExactly(new StoredFile("big/0000_part_00", 190L * chunk.length));
        assertThat(s3.headObject(b -> b.bucket("archive").key(location.keyPrefix() + "big/0000_part_00")).eTag())
                .endsWith("-3\"");
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.open("big/0000_part_00")) {
            read.update(in.readAllBytes());
        }
        assertThat(read.digest()).isEqualTo(written.digest());
        assertThat(s3.listMultipartUploads(b -> b.bucket("archive")).uploads()).isEmpty();
    }

    @Test
    void anAbortedUploadLeavesNothing() {
        ArchiveOutput out = store.create("g/0000_part_00");
        out.write(new byte[PART + 1000]); // one part uploaded
        assertThat(s3.listMultipartUploads(b -> b.bucket("archive")).uploads()).hasSize(1);

        out.abort();

        assertThat(store.list("")).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket("archive")).uploads()).isEmpty();
    }

    @Test
    void deleteFolderAlsoAbortsUploadsACrashLeftBehind() {
        ArchiveOutput crashed = store.create("s=1/g=1/0000_part_00");
        crashed.write(new byte[PART]);
        crashed.write(new byte[1]); // the first part is uploaded; then the process "dies"
        store.create("s=1/g=2/0000_part_00").close();

        store.deleteFolder("s=1/g=1/");

        assertThat(s3.listMultipartUploads(b -> b.bucket("archive")).uploads()).isEmpty();
        assertThat(store.list("")).extracting(StoredFile::key).containsExactly("s=1/g=2/0000_part_00");
    }

    @Test
    void archivesASliceToS3(@TempDir Path tmp) throws Exception {
        try (SourceTable src = new SourceTable().addGenerated(1000)) {
            UnloadOptions csv = UnloadOptions.builder().format(FileFormat.CSV).compression(Compression.ZSTD)
                    .partitionColumn("d").header(true).build();
            ArchiveResult result = new SliceArchiver().write(src.rows(), csv, store, "rslc_slice=2020-03/rslc_gen=1/");

            assertThat(result.rows()).isEqualTo(1006);
            assertThat(store.list("rslc_slice=2020-03/rslc_gen=1/")).extracting(StoredFile::key)
                    .contains("rslc_slice=2020-03/rslc_gen=1/d=2020-03-21/0000_part_00.zst",
                            "rslc_slice=2020-03/rslc_gen=1/manifest");
            assertThat(ArchiveReader.readRows(store, "rslc_slice=2020-03/rslc_gen=1/", csv)).hasSize(1006)
                    .contains(SourceTable.EXPECTED_TEXT.get(1));
            try (InputStream in = store.open(result.manifestKey())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("\"url\": \"" + location.root() + "rslc_slice=2020-03/rslc_gen=1/d=2020-03-21/0000_part_00.zst\"");
            }

            UnloadOptions parquet = UnloadOptions.builder().format(FileFormat.PARQUET).build();
            ArchiveResult p = new SliceArchiver().write(src.rows(), parquet, store, "rslc_slice=2020-03/rslc_gen=2/");
            Path local = tmp.resolve("part.parquet");
            try (InputStream in = store.open(p.files().get(0).key())) {
                Files.copy(in, local);
            }
            assertThat(src.strings("SELECT * FROM src EXCEPT ALL SELECT * FROM read_parquet('" + local + "')")).isEmpty();
            assertThat(src.scalar("SELECT count(*) FROM read_parquet('" + local + "')")).isEqualTo("1006");
        }
    }

    @Test
    void archivesABatchOfInterleavedSlicesFromCopyTuplesToS3(@TempDir Path tmp) throws Exception {
        java.util.Map<java.time.LocalDate, ArchiveResult> written = TupleSlicesTest.archive(store, "kind",
                SliceEnds.atRowCount(java.util.Map.of(TupleSlicesTest.A, 20_000L, TupleSlicesTest.B, 12L,
                        TupleSlicesTest.C, 20L)));

        assertThat(TupleSlicesTest.check(store, written)).containsEntry(TupleSlicesTest.A, 3);
        assertThat(s3.listMultipartUploads(b -> b.bucket("archive")).uploads()).isEmpty();
        long rows = 0;
        for (ArchiveResult r : written.values()) {
            for (ArchivedFile f : r.files()) {
                Path local = tmp.resolve(f.key().replace('/', '_'));
                try (InputStream in = store.open(f.key())) {
                    Files.copy(in, local);
                }
                rows += TupleSlicesTest.duckdb("SELECT count(*) FROM read_parquet('" + local + "')").get(0);
            }
        }
        assertThat(rows).isEqualTo(TupleSlicesTest.heapRows().size());
    }

    @Test
    void failuresNameTheObjectAndTheReasonButNoSecret() {
        ArchiveStore missing = ArchiveStores.open(ArchiveLocation.s3("s3://no-such-bucket/t1"), new S3ArchiveStores(s3));
        ArchiveOutput out = missing.create("s=1/0000_part_00");
        out.write(new byte[10]);

        assertThatThrownBy(out::close)
                .isInstanceOf(RslcException.class)
                .hasMessageStartingWith("cannot write s3://no-such-bucket/t1/s=1/0000_part_00: NoSuchBucket (HTTP 404)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_KEY));
        assertThatThrownBy(() -> store.open("none"))
                .isInstanceOf(RslcException.class)
                .hasMessage("cannot read " + location.root() + "none: no such file");
        S3Client wrongKey = S3Clients.forEndpoint(URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1",
                ACCESS_KEY, "wrong-" + SECRET_KEY);
        try (wrongKey) {
            assertThatThrownBy(() -> ArchiveStores.open(location, new S3ArchiveStores(wrongKey)).list(""))
                    .isInstanceOf(RslcException.class)
                    .hasMessageStartingWith("cannot list " + location.root() + ": ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_KEY));
        }
    }

    private void write(String key, String content) {
        try (ArchiveOutput out = store.create(key)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
