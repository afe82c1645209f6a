package io.rslc.internal.archive;

import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Rule;
import io.rslc.api.SlicePlan;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.store.LocalArchiveStore;
import io.rslc.internal.sql.Scan;
import io.rslc.spi.ArchiveStore;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides how a batch of slices is read where rslc writes the archive itself: what the writers
 * can hold open (files, encoder threads) and therefore in which form ({@link Scan.Read}) and order
 * ({@link Scan.Order}) the warehouse must send the rows, and how the archiver knows a slice ended
 * ({@link SliceEnds}). The warehouse only answers the {@link Probes}; {@link SliceArchiver} obeys the same limits.
 */
public final class ScanPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ScanPolicy.class);

    /**
     * Threads encoding rows into files with PARALLEL ON (one with PARALLEL OFF): two, or one on a machine of two
     * cores or fewer, where the reading thread and the database need the other core (measured on the 5M-row
     * Parquet backfill on 2 cores: one encoder 13.9-14.0 s, two 14.8-15.6 s and 1.1 s more CPU).
     */
    static final int ENCODERS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1));
    /** Files open at once; more partitions than this interleaved in the rows cost extra, smaller files. */
    public static final int MAX_OPEN_FILES = 32;
    /** Files open at once for uncompressed delimited files on a local disk: 64 KiB of buffer each. */
    static final int MAX_OPEN_PLAIN_LOCAL_FILES = 1024;
    /**
     * Parquet files open at once on a local disk when slices end by their row counts ({@link SliceEnds#atRowCount}):
     * an open file then holds only its slice's rows read so far, plus about 120 KB (its compressors are shared),
     * so rows of this many slices may interleave in the heap.
     */
    static final int MAX_OPEN_COUNTED_PARQUET_LOCAL_FILES = 512;
    /**
     * Bytes the open files of slices interleaved in the heap may hold together for a batch to be read in heap order
     * (each buffers its slice's rows, encoded, until the slice's last row, besides its own buffers), at most a
     * quarter of the JVM's heap: else the batch is sorted.
     */
    static final long HEAP_ORDER_BYTES = 256L << 20;
    /** Buffers of one open Parquet file besides its rows (measured: about 20 KiB a column plus 64 KiB). */
    static final long OPEN_FILE_BYTES_PER_COLUMN = 20L << 10;
    static final long OPEN_FILE_BYTES = 64L << 10;

    /** What planning a batch asks the warehouse; each answer costs a query, asked only when needed. */
    public interface Probes {
        /** True if every column of the table reads the same through binary transfer as through text. */
        boolean binarySafe() throws SQLException;

        /** True if a B-tree index leads with the rule's date column (reading ordered by it needs no sort). */
        boolean dateIndexed() throws SQLException;

        /** How the slices of {@code [from, to)} lie in the table's heap, or null if that cannot be known. */
        HeapLayout heapLayout(LocalDate from, LocalDate to) throws SQLException;
    }

    /**
     * Slices as they lie in the heap, in the batch's snapshot.
     *
     * @param rowsBySlice     each slice's row count, by start
     * @param interleaved     the most slices whose stretches of the heap overlap at one point
     * @param interleavedRows the rows of those slices
     * @param rowBytes        the table's average bytes per row
     * @param columns         the table's columns
     */
    public record HeapLayout(Map<LocalDate, Long> rowsBySlice, int interleaved, long interleavedRows,
                             double rowBytes, long columns) {
    }

    /** How a batch is read and how the archiver knows its slices ended. */
    public record Choice(Scan scan, SliceEnds ends) {
    }

    private ScanPolicy() {
    }

    /**
     * Chooses how a batch of slices is read: offline ({@code probes} null, {@code store} unused) from the rule
     * alone; against the warehouse also from the table's columns, index and heap.
     */
    public static Choice batch(Rule rule, List<SlicePlan> plans, ArchiveStore store, Probes probes)
            throws SQLException {
        if (!rule.mode().archives()) {
            return new Choice(new Scan(Scan.Read.NONE, Scan.Order.ANY), SliceEnds.unknown());
        }
        // Parquet files hold their pages until they complete: by default a slice's files complete with the rows
        // planning counted (rows that came since only add a part). CSV files hold 64 KB; completing them early
        // only moved their fsyncs into the COPY, which then took 0.5-1 s longer (2 cores). Offline neither the
        // counts nor an open range's start are known, and nothing is written.
        boolean csv = routableCsv(rule.unload());
        SliceEnds ends = csv || probes == null ? SliceEnds.unknown() : SliceEnds.atRowCount(plans.stream().collect(
                Collectors.toMap(p -> p.slice().start(), SlicePlan::rows, (a, b) -> a)));
        Scan.Read read = csv ? Scan.Read.COPY_CSV
                : readsTuples(rule.unload()) ? Scan.Read.COPY_BINARY : Scan.Read.SELECT_ROUTED;
        if (probes == null) {
            return new Choice(new Scan(read, Scan.Order.ANY), ends);
        }
        boolean binary = probes.binarySafe();
        if (read == Scan.Read.COPY_BINARY && !binary) {
            read = Scan.Read.SELECT_ROUTED;
        } else if (read == Scan.Read.SELECT_ROUTED && binary) {
            read = Scan.Read.SELECT_ROUTED_BINARY;
        }
        // More slices (or partition folders) than each writer keeps files open: the rows must come slice after
        // slice, or rows interleaved across days would make one small file per run of rows. An index on the date
        // column gives that order without a sort; else heap order does it when few slices interleave in the heap
        // (append-only tables), each slice's files completing with its last row; else PostgreSQL sorts. Fewer
        // folders: any order is fine.
        Scan.Order order = Scan.Order.ANY;
        if (folders(rule, plans.size()) > openFiles(rule.unload(), store)) {
            Map<LocalDate, Long> heapOrder = null;
            if (folders(rule, plans.size()) == plans.size() && !probes.dateIndexed()) {
                HeapLayout layout = probes.heapLayout(plans.get(0).slice().start(),
                        plans.get(plans.size() - 1).slice().end());
                heapOrder = layout != null && heapOrderFits(rule, layout, openFilesCounted(rule.unload(), store) / 2)
                        ? layout.rowsBySlice() : null;
            }
            order = heapOrder == null ? Scan.Order.SORTED : Scan.Order.HEAP;
            if (!csv) { // CSV files hold small buffers: see above
                ends = heapOrder == null ? SliceEnds.atNextSlice() : SliceEnds.atRowCount(heapOrder);
            }
        }
        return new Choice(new Scan(read, order), ends);
    }

    /**
     * True if at most {@code maxInterleaved} slices overlap in the heap and their open files would hold at most
     * {@link #HEAP_ORDER_BYTES} (their rows at the table's bytes per row, plus each file's buffers).
     */
    static boolean heapOrderFits(Rule rule, HeapLayout layout, int maxInterleaved) {
        double bytes = layout.interleavedRows() * layout.rowBytes()
                + layout.interleaved() * (double) (layout.columns() * OPEN_FILE_BYTES_PER_COLUMN + OPEN_FILE_BYTES);
        boolean fits = layout.interleaved() <= maxInterleaved
                && bytes <= Math.min(HEAP_ORDER_BYTES, Runtime.getRuntime().maxMemory() / 4);
        LOG.debug("{}: {} slice(s), at most {} interleaved in the heap with {} row(s) of ~{} bytes (~{} MiB in open "
                + "files): {}", rule.table(), layout.rowsBySlice().size(), layout.interleaved(),
                layout.interleavedRows(), Math.round(layout.rowBytes()), Math.round(bytes / (1 << 20)),
                fits ? "heap order" : "sorted");
        return fits;
    }

    /** Folders a batch writes into: one per slice, times the partitions per slice when partitioned. */
    static long folders(Rule rule, int slices) {
        String partition = rule.unload().partitionColumn();
        if (partition == null) {
            return slices;
        }
        if (!partition.equals(rule.column())) {
            return Long.MAX_VALUE; // unknown: sort
        }
        return rule.granularity() == Granularity.DAILY ? slices : 31L * slices;
    }

    /**
     * How many folders (slices, or partitions) a batch of slices can take interleaved without starting extra
     * parts: the files each writer keeps open. Files open at once are many for uncompressed TEXT/CSV on a local
     * disk (small buffers), {@link #MAX_OPEN_FILES} otherwise (Parquet row groups, compressors and S3 upload parts
     * are large), shared by the writers, and every writer may hold a file of each folder. Rows of more folders
     * than this, interleaved, should arrive sorted.
     */
    public static int openFiles(UnloadOptions options, ArchiveStore store) {
        return totalOpenFiles(options, store) / (routableCsv(options) ? 1 : writers(options, ENCODERS));
    }

    /**
     * Like {@link #openFiles}, when slices end by their row counts ({@link SliceEnds#atRowCount}): more for Parquet on
     * a local disk, whose completed files free their buffers at once.
     */
    public static int openFilesCounted(UnloadOptions options, ArchiveStore store) {
        return totalOpenFilesCounted(options, store) / (routableCsv(options) ? 1 : writers(options, ENCODERS));
    }

    /** Like {@link #totalOpenFiles}, when slices end by their row counts. */
    static int totalOpenFilesCounted(UnloadOptions options, ArchiveStore store) {
        return options.format() == FileFormat.PARQUET && store instanceof LocalArchiveStore
                ? MAX_OPEN_COUNTED_PARQUET_LOCAL_FILES : totalOpenFiles(options, store);
    }

    /** Files all the writers of one archive call may hold open together. */
    static int totalOpenFiles(UnloadOptions options, ArchiveStore store) {
        boolean plain = options.format() != FileFormat.PARQUET && options.compression() == Compression.NONE;
        return plain && store instanceof LocalArchiveStore ? MAX_OPEN_PLAIN_LOCAL_FILES : MAX_OPEN_FILES;
    }

    /**
     * Threads encoding the rows of an archive call that reads them through JDBC, so also the number of files a
     * large slice is split into ({@code 0000_part_00}, {@code 0001_part_00}, ...): with PARALLEL ON, two on
     * machines of more than two cores, else one; with PARALLEL OFF, one.
     */
    public static int writers(UnloadOptions options) {
        return writers(options, ENCODERS);
    }

    static int writers(UnloadOptions options, int parallelEncoders) {
        return options.parallel() ? parallelEncoders : 1;
    }

    /** True if binary COPY tuples are encoded straight into these options' files: PARQUET. */
    public static boolean readsTuples(UnloadOptions options) {
        return options.format() == FileFormat.PARQUET;
    }

    /**
     * True if encoded CSV rows can be routed by their date text: the delimiter is none of the characters of a
     * date or timestamp ({@code 0-9 - : . + space}) nor the quote, so PostgreSQL never quotes the date field.
     */
    public static boolean routableCsv(UnloadOptions options) {
        String d = options.delimiter() == null ? "," : options.delimiter();
        return options.format() == FileFormat.CSV && options.partitionColumn() == null
                && "0123456789-\": .+".indexOf(d.charAt(0)) < 0;
    }
}
