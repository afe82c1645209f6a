package io.rslc.internal.archive;

import io.rslc.api.Granularity;
import io.rslc.api.MaxFileSize;
import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.Slice;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.copy.BinaryTuples;
import io.rslc.internal.archive.copy.CopyDataMessages;
import io.rslc.internal.archive.copy.CsvDateField;
import io.rslc.internal.archive.copy.EncodedCsvRows;
import io.rslc.internal.archive.copy.TupleValues;
import io.rslc.internal.archive.copy.TupleWriteSupport;
import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.format.EncodedLinePartFile;
import io.rslc.internal.archive.store.StoreKeys;
import io.rslc.spi.ArchiveOutput;
import io.rslc.spi.ArchiveStore;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes one slice's rows to archive files, as Redshift's UNLOAD would, for warehouses where rslc writes the
 * archive itself (PostgreSQL). Rows are streamed from a forward-only result set straight into the files, so
 * memory does not grow with the slice: it holds one row, plus per open file a compressor or one Parquet row
 * group, plus (S3) one upload part of at most 8 MiB.
 *
 * <p>Layout of an attempt folder: data files {@code 0000_part_00[.parquet|.gz|.zst|.bz2]}, rolled to
 * {@code 0000_part_01}, ... at MAXFILESIZE (6.2 GB by default); with a partition column, each partition's files
 * under a Hive folder {@code col=value/}; and last a {@code manifest} (Redshift's MANIFEST VERBOSE).
 * See {@code docs/archive.md}. Instances hold no state between calls: one may archive several slices at once.
 *
 * <p>Why this file is long: its four entry points (one slice's result set; a batch's rows routed by their slice
 * column; a batch's binary COPY tuples; a batch's CSV COPY rows) are the same loop over a different row source:
 * clean the slices' attempt folders, route each row to its folder's files, complete a slice's files when it
 * ends, then write and sync the manifests, and fail the same way. Apart they would repeat that contract four
 * times; its parts live beside it ({@link ScanPolicy}, {@link SliceTracker}, {@link PartFileOpeners},
 * {@link PartFileSet}, {@link BackgroundEncoder}).
 */
public final class SliceArchiver {

    private final long maxFileBytesOverride;
    private final int maxOpenFiles;
    private final int parallelEncoders;

    public SliceArchiver() {
        this(0, 0);
    }

    private int open(UnloadOptions options, ArchiveStore store) {
        return maxOpenFiles > 0 ? maxOpenFiles : ScanPolicy.totalOpenFiles(options, store);
    }

    /**
     * For tests: roll files at {@code maxFileBytesOverride} (if above 0) regardless of the options, and keep
     * {@code maxOpenFiles} open (0: {@link ScanPolicy#totalOpenFiles}).
     */
    SliceArchiver(long maxFileBytesOverride, int maxOpenFiles) {
        this(maxFileBytesOverride, maxOpenFiles, ScanPolicy.ENCODERS);
    }

    /** For tests: also {@code parallelEncoders} encoder threads with PARALLEL ON, whatever the machine. */
    SliceArchiver(long maxFileBytesOverride, int maxOpenFiles, int parallelEncoders) {
        this.parallelEncoders = parallelEncoders;
        this.maxFileBytesOverride = maxFileBytesOverride;
        this.maxOpenFiles = maxOpenFiles;
    }

    /**
     * Archives every remaining row of {@code rows} into {@code attemptFolder} (a folder key ending in {@code /}),
     * first removing whatever a previous, uncommitted attempt left there. The result set is read forward only
     * and not closed. An empty result writes only the manifest.
     *
     * @throws RslcException {@code ARCHIVE} if a file cannot be written, {@code WAREHOUSE} if reading rows fails
     */
    public ArchiveResult write(ResultSet rows, UnloadOptions options, ArchiveStore store, String attemptFolder) {
        StoreKeys.folder(attemptFolder);
        if (attemptFolder.isEmpty()) {
            throw new IllegalArgumentException("an attempt folder is required, not the archive root");
        }
        store.deleteFolder(attemptFolder);
        List<Column> columns;
        try {
            columns = Column.describe(rows.getMetaData());
        } catch (SQLException e) {
            throw new RslcException(ErrorCode.WAREHOUSE, "cannot read the columns of the rows to archive: "
                    + e.getMessage(), e);
        }
        int partitionIndex = partitionIndex(columns, options.partitionColumn());
        BackgroundEncoder<Object[]> files = encoders(attemptFolder, options, store, SliceEnds.unknown(),
                PartFileOpeners.rows(options, store, columns, partitionIndex >= 0));
        String folder = "";
        try (files) {
            while (rows.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = columns.get(i).read(rows);
                }
                if (partitionIndex >= 0) {
                    folder = HivePartition.folder(columns.get(partitionIndex).name(), row[partitionIndex]);
                }
                files.write(folder, row);
            }
            List<ArchivedFile> written = files.finish();
            String manifestKey = attemptFolder + Manifest.NAME;
            ManifestWrites.write(store, manifestKey, Manifest.json(written, columns, store));
            store.sync(); // durable before the caller deletes the rows
            return new ArchiveResult(written.stream().mapToLong(ArchivedFile::rows).sum(),
                    written.stream().mapToLong(ArchivedFile::bytes).sum(), written, manifestKey, null);
        } catch (SQLException e) {
            throw new RslcException(ErrorCode.WAREHOUSE, "cannot read the rows to archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot write " + store.uri(attemptFolder) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Archives the rows of several slices read by ONE scan, each slice into its own attempt folder with its own
     * manifest, as if {@link #write} had run once per slice. The LAST column of {@code rows} is the slice's start
     * date (computed by the warehouse, so it buckets exactly like the planner's grouped scan); it routes the row and
     * is not archived. The folders of the {@code planned} slices are cleaned first, and any other slice met in the
     * rows (rows that arrived after planning) is cleaned before its first row is written.
     *
     * @param folderOf the attempt folder of a slice, by its start date
     * @param ends     how a slice's end is known in these rows, so its files complete early
     * @return per slice start, what was written (planned slices without rows get a manifest-only result)
     */
    public Map<LocalDate, ArchiveResult> writeSlices(ResultSet rows, UnloadOptions options, ArchiveStore store,
                                                     Function<LocalDate, String> folderOf,
                                                     Collection<LocalDate> planned, SliceEnds ends) {
        List<Column> columns;
        int route;
        try {
            columns = new ArrayList<>(Column.describe(rows.getMetaData()));
            route = columns.remove(columns.size() - 1).index();
        } catch (SQLException e) {
            throw new RslcException(ErrorCode.WAREHOUSE, "cannot read the columns of the rows to archive: "
                    + e.getMessage(), e);
        }
        Map<LocalDate, String> folders = cleanedFolders(store, folderOf, planned);
        int partitionIndex = partitionIndex(columns, options.partitionColumn());
        BackgroundEncoder<Object[]> files = encoders("", options, store, ends,
                PartFileOpeners.rows(options, store, columns, true));
        try (files) {
            SliceTracker tracker = new SliceTracker(ends, files::complete);
            while (rows.next()) {
                LocalDate slice = rows.getObject(route, LocalDate.class);
                String folder = folders.computeIfAbsent(slice, s -> cleaned(store, folderOf.apply(s)));
                if (!slice.equals(tracker.slice)) {
                    tracker.enter(slice, folder);
                }
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = columns.get(i).read(rows);
                }
                String partition = partitionIndex < 0 ? ""
                        : HivePartition.folder(columns.get(partitionIndex).name(), row[partitionIndex]);
                files.write(partition.isEmpty() ? folder : folder + partition, row); // same String: hash cached
                tracker.written();
            }
            return manifests(store, files.finish(), columns, folders);
        } catch (SQLException e) {
            throw new RslcException(ErrorCode.WAREHOUSE, "cannot read the rows to archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot write " + store.uri("") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #writeSlices}, for PARQUET rows PostgreSQL sent as a binary COPY ({@code COPY (SELECT *, slice_key
     * ...) TO STDOUT WITH (FORMAT binary)}): each tuple goes to the encoder as it came, and the encoder writes its
     * values straight from the bytes ({@link TupleWriteSupport}), without a {@code ResultSet}, boxed values or
     * Strings. The files are the ones {@link #writeSlices} writes for the same rows. The LAST field of each tuple is
     * the slice's start date (routes the row, not archived).
     *
     * @param columns the archived columns, without the slice key; every one of a PostgreSQL type whose binary form
     *                {@link ScanPolicy#readsTuples} allows (for TEXT: {@code text, varchar, bpchar, name} only)
     * @throws RslcException {@code ARCHIVE} if the stream is not such a COPY, or a file cannot be written
     */
    public Map<LocalDate, ArchiveResult> writeTupleSlices(CopyDataMessages messages, UnloadOptions options,
                                                          ArchiveStore store, List<Column> columns,
                                                          Function<LocalDate, String> folderOf,
                                                          Collection<LocalDate> planned, SliceEnds ends) {
        if (!ScanPolicy.readsTuples(options)) {
            throw new IllegalArgumentException("binary COPY tuples are only taken for PARQUET");
        }
        Map<LocalDate, String> folders = cleanedFolders(store, folderOf, planned);
        int partitionIndex = partitionIndex(columns, options.partitionColumn());
        int route = columns.size();
        BinaryTuples tuples = new BinaryTuples(messages, columns.size() + 1);
        BackgroundEncoder<byte[]> files = encoders("", options, store, ends,
                PartFileOpeners.parquet(store, columns, PartFileOpeners.rowGroupBytes(options, true),
                        TupleWriteSupport::new));
        try (files) {
            SliceTracker tracker = new SliceTracker(ends, files::complete);
            byte[] tuple;
            int lastDay = 0;
            String sliceFolder = null;
            byte[] lastPartition = null;
            String folder = null;
            while ((tuple = tuples.next()) != null) {
                int at = BinaryTuples.fieldAt(tuple, route);
                if (BinaryTuples.int32(tuple, at) != 4) {
                    throw new IOException("a row's slice key is not a date (" + BinaryTuples.int32(tuple, at)
                            + " bytes)");
                }
                int day = BinaryTuples.int32(tuple, at + 4);
                if (sliceFolder == null || day != lastDay) {
                    LocalDate slice = TupleValues.date(day);
                    sliceFolder = folders.computeIfAbsent(slice, s -> cleaned(store, folderOf.apply(s)));
                    if (!slice.equals(tracker.slice)) {
                        tracker.enter(slice, sliceFolder);
                    }
                    lastDay = day;
                    folder = sliceFolder;
                    lastPartition = null;
                }
                if (partitionIndex >= 0) {
                    int p = BinaryTuples.fieldAt(tuple, partitionIndex);
                    int end = p + 4 + Math.max(0, BinaryTuples.int32(tuple, p));
                    if (lastPartition == null || !Arrays.equals(tuple, p, end, lastPartition, 0, lastPartition.length)) {
                        int length = BinaryTuples.int32(tuple, p);
                        Column c = columns.get(partitionIndex);
                        Object value = length < 0 ? null : TupleValues.value(c.type(), tuple, p + 4, length);
                        folder = sliceFolder + HivePartition.folder(c.name(), value);
                        lastPartition = Arrays.copyOfRange(tuple, p, end);
                    }
                }
                files.write(folder, tuple);
                tracker.written();
            }
            return manifests(store, files.finish(), columns, folders);
        } catch (WarehouseReadException e) {
            throw new RslcException(ErrorCode.WAREHOUSE, "cannot read the rows to archive: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (IOException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot write " + store.uri("") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #writeSlices}, for CSV rows the warehouse encoded itself (see {@link EncodedCsvRows}): the rows
     * are copied byte for byte into the slices' files, without being decoded, which is several times faster than
     * reading them through JDBC. Each row's slice is read from the text of its date column, field
     * {@code dateField} (0-based): {@code YYYY-MM-DD} then the end of the field or a time. Only for CSV without a
     * partition column.
     *
     * @param columns     the archived columns (for the manifest's schema)
     * @param granularity day or month slices
     * @param ends        how a slice's end is known in these rows, so its file completes (and starts being made
     *                    durable) early
     * @throws RslcException {@code ARCHIVE} if a row's date cannot be read (years outside 1..9999 on this path)
     */
    public Map<LocalDate, ArchiveResult> writeEncodedCsvSlices(EncodedCsvRows rows, UnloadOptions options,
                                                               ArchiveStore store, List<Column> columns,
                                                               int dateField, Granularity granularity,
                                                               Function<LocalDate, String> folderOf,
                                                               Collection<LocalDate> planned, SliceEnds ends) {
        if (!ScanPolicy.routableCsv(options)) {
            throw new IllegalArgumentException("encoded rows are only taken for CSV without a partition column");
        }
        Map<LocalDate, String> folders = cleanedFolders(store, folderOf, planned);
        PartFileSet<Object[]> files = null;
        try {
            byte[] header = rows.next();
            if (header == null) {
                throw new IOException("the warehouse sent no header row");
            }
            byte delimiter = (byte) (options.delimiter() == null ? ',' : options.delimiter().charAt(0));
            byte[] own = options.header() ? header : null;
            files = new PartFileSet<>("", PartFileOpeners.extension(options), maxFileBytes(options),
                    open(options, store),
                    key -> {
                        ArchiveOutput out = store.create(key);
                        try {
                            return new EncodedLinePartFile(out, options.compression(), own);
                        } catch (IOException | RuntimeException e) {
                            out.abort();
                            throw e;
                        }
                    });
            byte[] row;
            byte[] lastDate = new byte[10];
            String lastFolder = null;
            SliceTracker tracker = new SliceTracker(ends, files::complete);
            while ((row = rows.next()) != null) {
                int at = CsvDateField.fieldStart(row, dateField, delimiter);
                if (lastFolder != null && at + 10 <= row.length
                        && Arrays.equals(row, at, at + 10, lastDate, 0, 10)) {
                    CsvDateField.checkDateEnd(row, at, delimiter); // the same day as the previous row, if not BC
                } else {
                    LocalDate slice = Slice.containing(granularity, CsvDateField.isoDate(row, at, delimiter)).start();
                    lastFolder = folders.computeIfAbsent(slice, s -> cleaned(store, folderOf.apply(s)));
                    System.arraycopy(row, at, lastDate, 0, 10);
                    if (!slice.equals(tracker.slice)) {
                        tracker.enter(slice, lastFolder);
                    }
                }
                files.writeLine(lastFolder, row, 0, row.length);
                tracker.written();
            }
            return manifests(store, files.finish(), columns, folders);
        } catch (IOException e) {
            if (files != null) {
                files.abortOpen();
            }
            if (e instanceof WarehouseReadException) {
                throw new RslcException(ErrorCode.WAREHOUSE, "cannot read the rows to archive: "
                        + e.getCause().getMessage(), e.getCause());
            }
            throw new RslcException(ErrorCode.ARCHIVE, "cannot write " + store.uri("") + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (files != null) {
                files.abortOpen();
            }
            throw e;
        }
    }

    private static Map<LocalDate, ArchiveResult> manifests(ArchiveStore store, List<ArchivedFile> written,
                                                           List<Column> columns, Map<LocalDate, String> folders) {
        Map<String, List<ArchivedFile>> byFolder = ManifestWrites.byFolder(written, folders.values());
        Map<LocalDate, ArchiveResult> results = new LinkedHashMap<>();
        Map<String, String> manifests = new LinkedHashMap<>();
        for (Map.Entry<LocalDate, String> f : folders.entrySet()) {
            List<ArchivedFile> own = byFolder.get(f.getValue());
            String manifestKey = f.getValue() + Manifest.NAME;
            manifests.put(manifestKey, Manifest.json(own, columns, store));
            results.put(f.getKey(), new ArchiveResult(own.stream().mapToLong(ArchivedFile::rows).sum(),
                    own.stream().mapToLong(ArchivedFile::bytes).sum(), own, manifestKey, null));
        }
        ManifestWrites.writeAll(store, manifests);
        store.sync(); // durable before the caller deletes the rows
        return results;
    }

    /** The planned slices' folders, by start, each cleaned of what an earlier attempt left. */
    private static Map<LocalDate, String> cleanedFolders(ArchiveStore store, Function<LocalDate, String> folderOf,
                                                         Collection<LocalDate> planned) {
        Map<LocalDate, String> folders = new TreeMap<>();
        for (LocalDate start : planned) {
            folders.put(start, cleaned(store, folderOf.apply(start)));
        }
        return folders;
    }

    private static String cleaned(ArchiveStore store, String folder) {
        StoreKeys.folder(folder);
        if (folder.isEmpty()) {
            throw new IllegalArgumentException("an attempt folder is required, not the archive root");
        }
        store.deleteFolder(folder);
        return folder;
    }

    private long maxFileBytes(UnloadOptions options) {
        if (maxFileBytesOverride > 0) {
            return maxFileBytesOverride;
        }
        return options.maxFileSize() == null ? MaxFileSize.MAX_BYTES : options.maxFileSize().bytes();
    }

    /**
     * Encoder threads writing into {@code folder}: {@link ScanPolicy#writers} of them (files {@code 0000_part_NN},
     * {@code 0001_part_NN}, as Redshift numbers files by node slice), one with PARALLEL OFF. They share the open-file
     * budget and learn dictionary choices together.
     */
    private <R> BackgroundEncoder<R> encoders(String folder, UnloadOptions options, ArchiveStore store,
                                              SliceEnds ends, Supplier<PartFileSet.Opener<R>> openers) {
        int encoders = ScanPolicy.writers(options, parallelEncoders);
        int openEach = Math.max(1, (ends.counted() ? ScanPolicy.totalOpenFilesCounted(options, store) : open(options, store)) / encoders);
        return new BackgroundEncoder<>(encoders, n -> new PartFileSet<>(folder, n, PartFileOpeners.extension(options),
                maxFileBytes(options), openEach, openers.get()));
    }

    /** The position of the partition column, or -1; an exact name match first, then one ignoring case. */
    private static int partitionIndex(List<Column> columns, String name) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new RslcException(ErrorCode.ARCHIVE, "partition column '" + name + "' is not among the archived columns "
                + columns.stream().map(Column::name).toList());
    }
}
