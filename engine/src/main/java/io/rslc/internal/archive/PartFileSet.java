package io.rslc.internal.archive;

import io.rslc.api.RslcException;

import io.rslc.internal.archive.format.PartFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data files of one writer. Each partition folder ({@code ""} without partitioning) has its own sequence
 * {@code 0000_part_00}, {@code 0000_part_01}, ... (writer 1: {@code 0001_part_00}, ...): a file is completed and
 * the next one started when it reaches the maximum size, or when more than {@code maxOpen} files are open and it
 * is the least recently used (its partition then continues in a new part when rows for it come again).
 */
final class PartFileSet<R> {

    /** Starts a data file at a key. */
    interface Opener<R> {
        PartFile<R> open(String key) throws IOException;

        /** Frees what the opener keeps for its files, once they are complete or discarded. */
        default void close() {
        }
    }

    private final String attemptFolder;
    private final int writer;
    private final String extension;
    private final long maxBytes;
    private final int maxOpen;
    private final Opener<R> opener;
    private final LinkedHashMap<String, Open<R>> open = new LinkedHashMap<>(16, 0.75f, true); // LRU order
    private final Map<String, Integer> nextPart = new HashMap<>();
    private final List<ArchivedFile> done = new ArrayList<>();
    private final Map<String, Integer> foldersPerSlice = new HashMap<>();

    /** Partition folders in one slice past which a warning is logged. */
    static final int WARN_FOLDERS_PER_SLICE = 1_000;
    /** Partition folders in one slice past which the slice is refused. */
    static final int MAX_FOLDERS_PER_SLICE = 10_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("rslc");

    private record Open<R>(String key, PartFile<R> file) {
    }

    PartFileSet(String attemptFolder, String extension, long maxBytes, int maxOpen, Opener<R> opener) {
        this(attemptFolder, 0, extension, maxBytes, maxOpen, opener);
    }

    /** @param writer the number in the files' names ({@code 0001_part_00} for 1), one per concurrent writer */
    PartFileSet(String attemptFolder, int writer, String extension, long maxBytes, int maxOpen, Opener<R> opener) {
        this.attemptFolder = attemptFolder;
        this.writer = writer;
        this.extension = extension;
        this.maxBytes = maxBytes;
        this.maxOpen = maxOpen;
        this.opener = opener;
    }

    /** Writes a row to the current file of a partition folder ({@code "col=value/"} or {@code ""}). */
    void write(String partitionFolder, R row) throws IOException {
        Open<R> f = current(partitionFolder);
        f.file().write(row);
        rollIfFull(partitionFolder, f);
    }

    /** Writes an already encoded line ({@link PartFile#writeLine}) to the current file of a folder. */
    void writeLine(String partitionFolder, byte[] line, int offset, int length) throws IOException {
        Open<R> f = current(partitionFolder);
        f.file().writeLine(line, offset, length);
        rollIfFull(partitionFolder, f);
    }

    private Open<R> current(String partitionFolder) throws IOException {
        Open<R> f = open.get(partitionFolder);
        if (f == null) {
            if (open.size() >= maxOpen) {
                Iterator<Open<R>> eldest = open.values().iterator();
                Open<R> evicted = eldest.next();
                eldest.remove();
                finish(evicted);
            }
            int part = nextPart.merge(partitionFolder, 1, Integer::sum) - 1;
            if (part == 0 && !partitionFolder.isEmpty()) {
                countFolder(partitionFolder);
            }
            String key = attemptFolder + partitionFolder + String.format("%04d_part_%02d", writer, part) + extension;
            f = new Open<>(key, opener.open(key));
            open.put(partitionFolder, f);
        }
        return f;
    }

    /**
     * A partition column with a value per row (an id, a timestamp) writes a folder and a file per value: thousands
     * of tiny files per slice that every reader must open. Past {@value #WARN_FOLDERS_PER_SLICE} folders in one
     * slice a warning is logged; past {@value #MAX_FOLDERS_PER_SLICE} the slice is refused (it rolls back, nothing
     * is deleted). docs/archive.md, "Partitions".
     */
    private void countFolder(String partitionFolder) {
        String slice = sliceOf(partitionFolder);
        int n = foldersPerSlice.merge(slice, 1, Integer::sum);
        String last = partitionFolder.substring(0, partitionFolder.length() - 1);
        last = last.substring(last.lastIndexOf('/') + 1);
        String column = last.contains("=") ? last.substring(0, last.indexOf('=')) : last;
        if (n == WARN_FOLDERS_PER_SLICE + 1) {
            LOG.warn("WARNING: partition_column {} writes more than {} folders (a file each) in slice {}; it is "
                    + "refused past {}: choose a column with fewer values per slice", column, WARN_FOLDERS_PER_SLICE,
                    attemptFolder + slice, MAX_FOLDERS_PER_SLICE);
        }
        if (n > MAX_FOLDERS_PER_SLICE) {
            throw new RslcException(RslcException.ErrorCode.ARCHIVE, "partition_column " + column + " would write "
                    + "more than " + MAX_FOLDERS_PER_SLICE + " folders (a file each) in slice " + attemptFolder + slice
                    + ": choose a column with fewer values per slice (e.g. the date column) or none; nothing was "
                    + "deleted");
        }
    }

    /** The slice attempt a partition folder belongs to: {@code rslc_slice=../rslc_gen=../} in a batch, else "". */
    private static String sliceOf(String partitionFolder) {
        if (!partitionFolder.startsWith(io.rslc.internal.plan.ArchiveLayout.SLICE_KEY + "=")) {
            return "";
        }
        int first = partitionFolder.indexOf('/');
        int second = first < 0 ? -1 : partitionFolder.indexOf('/', first + 1);
        return second < 0 ? "" : partitionFolder.substring(0, second + 1);
    }

    /**
     * Completes the open files of a folder and of the partition folders under it ({@code folder} ends with
     * {@code /}); rows for them later start new parts.
     */
    void complete(String folder) throws IOException {
        Iterator<Map.Entry<String, Open<R>>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Open<R>> e = it.next();
            if (e.getKey().startsWith(folder)) {
                it.remove();
                finish(e.getValue());
            }
        }
    }

    private void rollIfFull(String partitionFolder, Open<R> f) throws IOException {
        if (f.file().bytes() >= maxBytes) {
            open.remove(partitionFolder);
            finish(f);
        }
    }

    /** Completes the open files and returns every file written, in key order. */
    List<ArchivedFile> finish() throws IOException {
        Iterator<Open<R>> it = open.values().iterator();
        while (it.hasNext()) {
            Open<R> f = it.next();
            it.remove();
            finish(f);
        }
        opener.close();
        List<ArchivedFile> files = new ArrayList<>(done);
        files.sort(Comparator.comparing(ArchivedFile::key));
        return files;
    }

    /** Discards the open files after a failure; completed files stay (the attempt has no manifest). */
    void abortOpen() {
        open.values().forEach(f -> f.file().abort());
        open.clear();
        opener.close();
    }

    private void finish(Open<R> f) throws IOException {
        long rows = f.file().rows();
        long bytes;
        try {
            bytes = f.file().finish();
        } catch (IOException | RuntimeException e) {
            f.file().abort();
            throw e;
        }
        done.add(new ArchivedFile(f.key(), rows, bytes));
    }
}
