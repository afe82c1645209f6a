package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.internal.archive.format.PartFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Hand-over of rows to encoder threads: every row reaches exactly one file, in order per file, small folders stay
 * one file, large ones are shared by the encoders, and a failure on an encoder thread reaches the reading thread
 * with every open file discarded. Files are in-memory recorders, so what each thread wrote can be inspected.
 */
class BackgroundEncoderTest {

    /** What the encoders wrote, by file key; written concurrently by the encoder threads. */
    final Map<String, RecordedFile> files = new ConcurrentHashMap<>();

    final class RecordedFile implements PartFile<Object[]> {
        final List<Integer> rows = new ArrayList<>();
        volatile boolean finished;
        volatile boolean aborted;

        @Override
        public void write(Object[] row) throws IOException {
            if ((Integer) row[0] < 0) {
                throw new IOException("disk full");
            }
            rows.add((Integer) row[0]);
        }

        @Override
        public long rows() {
            return rows.size();
        }

        @Override
        public long bytes() {
            return rows.size() * 4L;
        }

        @Override
        public long finish() {
            finished = true;
            return bytes();
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    BackgroundEncoder<Object[]> encoders(int n) {
        return new BackgroundEncoder<>(n, writer -> new PartFileSet<>("", writer, "", Long.MAX_VALUE, 16, key -> {
            RecordedFile f = new RecordedFile();
            files.put(key, f);
            return f;
        }));
    }

    @Test
    void everyRowReachesOneFileInOrderAndLargeFoldersShareTheEncoders() throws IOException {
        int large = BackgroundEncoder.SWITCH_ROWS * 6 + 17;
        List<ArchivedFile> written;
        try (BackgroundEncoder<Object[]> enc = encoders(2)) {
            for (int i = 0; i < large; i++) {
                enc.write("big/", new Object[] {i});
            }
            for (int i = 0; i < 300; i++) {
                enc.write("small/", new Object[] {large + i});
            }
            written = enc.finish();
        }

        List<String> keys = written.stream().map(ArchivedFile::key).toList();
        assertThat(keys.subList(0, 2)).containsExactly("big/0000_part_00", "big/0001_part_00");
        assertThat(keys.subList(2, keys.size())).as("a small folder stays one file, on either encoder")
                .hasSize(1).first().asString().matches("small/000[01]_part_00");
        assertThat(written.stream().mapToLong(ArchivedFile::rows).sum()).isEqualTo(large + 300);
        List<Integer> big = new ArrayList<>();
        files.forEach((key, f) -> {
            assertThat(f.finished).as(key).isTrue();
            assertThat(f.rows).as("rows of %s in the order written", key).isSorted();
            if (key.startsWith("big/")) {
                big.addAll(f.rows);
                assertThat(f.rows.size()).as(key).isGreaterThanOrEqualTo(BackgroundEncoder.SWITCH_ROWS);
            }
        });
        assertThat(big.stream().sorted().toList()).isEqualTo(
                java.util.stream.IntStream.range(0, large).boxed().toList());
    }

    @Test
    void oneEncoderWritesOneSequencePerFolder() throws IOException {
        List<ArchivedFile> written;
        try (BackgroundEncoder<Object[]> enc = encoders(1)) {
            for (int i = 0; i < BackgroundEncoder.SWITCH_ROWS * 3; i++) {
                enc.write(i % 2 == 0 ? "a/" : "b/", new Object[] {i});
            }
            written = enc.finish();
        }
        assertThat(written).extracting(ArchivedFile::key).containsExactly("a/0000_part_00", "b/0000_part_00");
        assertThat(files.get("a/0000_part_00").rows).hasSize(BackgroundEncoder.SWITCH_ROWS * 3 / 2).isSorted();
    }

    @Test
    void aFailureOnAnEncoderThreadReachesTheReaderAndDiscardsOpenFiles() {
        BackgroundEncoder<Object[]> enc = encoders(2);
        assertThatThrownBy(() -> {
            try (enc) {
                for (int i = 0; i < 200_000; i++) {
                    enc.write("f" + (i / 1000) + "/", new Object[] {i == 5000 ? -1 : i});
                }
                enc.finish();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("disk full");

        Map<Boolean, List<String>> byAborted = files.entrySet().stream().collect(Collectors.partitioningBy(
                e -> e.getValue().aborted, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        assertThat(files.values()).allMatch(f -> f.finished || f.aborted);
        assertThat(byAborted.get(true)).isNotEmpty();
        assertThat(files.values().stream().mapToInt(f -> f.rows.size()).sum())
                .as("the reader stopped soon after the failure").isLessThan(200_000);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("rslc-encoder")
                && t.isAlive());
    }

    @Test
    void closingWithoutFinishingDiscardsEverything() throws IOException {
        BackgroundEncoder<Object[]> enc = encoders(2);
        for (int i = 0; i < 5000; i++) {
            enc.write("x/", new Object[] {i});
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (files.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until an encoder has opened the file
        }
        enc.close();
        assertThat(files.values()).isNotEmpty().allMatch(f -> f.aborted && !f.finished);
    }

    @Test
    void completingAFolderFinishesItsFilesAndThoseOfItsPartitionsAndLaterRowsStartNewOnes() throws IOException {
        List<ArchivedFile> written;
        try (BackgroundEncoder<Object[]> enc = encoders(2)) {
            for (int i = 0; i < 10; i++) {
                enc.write("a/", new Object[] {i});
                enc.write("a/p=1/", new Object[] {100 + i});
                enc.write("ab/", new Object[] {200 + i}); // not under a/
            }
            enc.complete("a/");
            enc.write("a/", new Object[] {10}); // a row after the end: a new file, nothing lost
            enc.write("ab/", new Object[] {210});
            written = enc.finish();
        }
        Map<String, List<Integer>> rows = written.stream().collect(Collectors.toMap(ArchivedFile::key,
                f -> files.get(f.key()).rows));
        assertThat(rows.keySet().stream().filter(k -> k.startsWith("a/") && !k.contains("p=1"))).hasSize(2);
        assertThat(rows.entrySet().stream().filter(e -> e.getKey().startsWith("a/") && !e.getKey().contains("p=1"))
                .map(Map.Entry::getValue)).containsExactlyInAnyOrder(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), List.of(10));
        assertThat(rows.entrySet().stream().filter(e -> e.getKey().startsWith("ab/")).map(Map.Entry::getValue))
                .singleElement().asList().hasSize(11);
        assertThat(files.values()).allSatisfy(f -> assertThat(f.finished).isTrue());
    }
}
