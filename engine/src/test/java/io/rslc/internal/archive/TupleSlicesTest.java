package io.rslc.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.copy.BinaryTuplesTest;
import io.rslc.internal.archive.copy.CopyDataMessages;
import io.rslc.internal.archive.copy.TupleValues;
import io.rslc.internal.archive.copy.TupleValuesProperties;
import io.rslc.internal.archive.format.Column;
import io.rslc.internal.archive.format.ColumnType;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SliceArchiver#writeTupleSlices} end to end on synthetic binary COPY tuples, with two encoder threads
 * (whatever this machine has), a slice larger than one writer takes before moving on, slices interleaved as in a
 * heap, a partition column, and slice ends by row count, right or too low: every row is archived exactly once,
 * in its own slice's folder, and each manifest lists exactly that folder's files.
 */
class TupleSlicesTest {

    static final LocalDate A = LocalDate.of(2020, 3, 1);
    static final LocalDate B = A.plusDays(1);
    static final LocalDate C = A.plusDays(2);
    static final List<Column> COLUMNS = List.of(new Column(1, "id", ColumnType.BIGINT, 0, 0),
            new Column(2, "d", ColumnType.DATE, 0, 0), new Column(3, "kind", ColumnType.TEXT, 0, 0));
    static final Function<LocalDate, String> FOLDER_OF = start -> "rslc_slice=" + start + "/rslc_gen=1/";

    @TempDir
    Path tmp;

    /** Rows as a heap might hold them: some of B, all of A (20,000 rows), C, then the rest of B. */
    static List<long[]> heapRows() {
        List<long[]> rows = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < 5; i++) {
            rows.add(new long[] {id++, B.toEpochDay()});
        }
        for (int i = 0; i < 20_000; i++) {
            rows.add(new long[] {id++, A.toEpochDay()});
            if (i % 1000 == 0) {
                rows.add(new long[] {id++, C.toEpochDay()});
            }
        }
        for (int i = 0; i < 7; i++) {
            rows.add(new long[] {id++, B.toEpochDay()});
        }
        return rows;
    }

    /** The binary COPY messages PostgreSQL would send for rows (id, d, kind) plus the slice key (= d). */
    static CopyDataMessages messages(List<long[]> rows) {
        Deque<byte[]> queue = new ArrayDeque<>();
        boolean first = true;
        for (long[] r : rows) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (first) {
                out.writeBytes(BinaryTuplesTest.HEADER);
                first = false;
            }
            out.writeBytes(new byte[] {0, 4});
            out.writeBytes(TupleValuesProperties.int32(8));
            out.writeBytes(TupleValuesProperties.int64(r[0]));
            byte[] day = TupleValuesProperties.int32((int) (r[1] - TupleValues.POSTGRES_EPOCH_DAY));
            out.writeBytes(TupleValuesProperties.int32(4));
            out.writeBytes(day);
            byte[] kind = (r[0] % 3 == 0 ? "x" : "y").getBytes(StandardCharsets.UTF_8);
            out.writeBytes(TupleValuesProperties.int32(kind.length));
            out.writeBytes(kind);
            out.writeBytes(TupleValuesProperties.int32(4));
            out.writeBytes(day);
            queue.add(out.toByteArray());
        }
        queue.add(first ? BinaryTuplesTest.concat(BinaryTuplesTest.HEADER, BinaryTuplesTest.TRAILER)
                : BinaryTuplesTest.TRAILER);
        return queue::poll;
    }

    static Map<LocalDate, ArchiveResult> archive(ArchiveStore store, String partitionColumn, SliceEnds ends) {
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.PARQUET).partitionColumn(partitionColumn)
                .build(); // PARALLEL ON by default
        return new SliceArchiver(0, 0, 2).writeTupleSlices(messages(heapRows()), options, store, COLUMNS,
                FOLDER_OF, List.of(A, B, C), ends);
    }

    /** Checks the results against the rows and the store; returns the data files per slice. */
    static Map<LocalDate, Integer> check(ArchiveStore store, Map<LocalDate, ArchiveResult> written) {
        List<long[]> rows = heapRows();
        Map<LocalDate, Integer> files = new java.util.TreeMap<>();
        for (LocalDate slice : List.of(A, B, C)) {
            ArchiveResult r = written.get(slice);
            assertThat(r.rows()).as(slice.toString())
                    .isEqualTo(rows.stream().filter(x -> x[1] == slice.toEpochDay()).count());
            assertThat(r.files().stream().mapToLong(ArchivedFile::rows).sum()).isEqualTo(r.rows());
            List<String> stored = store.list(FOLDER_OF.apply(slice)).stream().map(StoredFile::key)
                    .filter(k -> !k.endsWith(Manifest.NAME)).sorted().toList();
            assertThat(r.files().stream().map(ArchivedFile::key).sorted().toList()).as(slice.toString())
                    .isEqualTo(stored);
            assertThat(store.list(FOLDER_OF.apply(slice))).extracting(StoredFile::key).contains(r.manifestKey());
            files.put(slice, r.files().size());
        }
        return files;
    }

    @Test
    void rightCountsWriteEachSliceOncePerWriterAndPartition() throws SQLException {
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.local(tmp), null);
        Map<LocalDate, ArchiveResult> written = archive(store, "kind",
                SliceEnds.atRowCount(Map.of(A, 20_000L, B, 12L, C, 20L)));

        Map<LocalDate, Integer> files = check(store, written);
        // A's partition kind=y (13,334 rows) is larger than one writer takes: a file per writer; kind=x one file
        assertThat(files).containsEntry(A, 3)
                .containsEntry(B, 2).containsEntry(C, 2); // 2 partitions, one writer each
        assertThat(duckdb("SELECT count(*), count(DISTINCT id), sum(id) FROM read_parquet('" + tmp
                + "/**/*.parquet', hive_partitioning = false)"))
                .isEqualTo(List.of((long) heapRows().size(), (long) heapRows().size(),
                        heapRows().stream().mapToLong(r -> r[0]).sum()));
    }

    @Test
    void countsTooLowOnlyAddPartsAndLoseNothing() throws SQLException {
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.local(tmp), null);
        Map<LocalDate, ArchiveResult> written = archive(store, null,
                SliceEnds.atRowCount(Map.of(A, 100L, B, 1L, C, 3L)));

        Map<LocalDate, Integer> files = check(store, written);
        assertThat(files.get(A)).isGreaterThan(2);
        assertThat(files.get(B)).isGreaterThanOrEqualTo(2);
        assertThat(duckdb("SELECT count(*), count(DISTINCT id), sum(id) FROM read_parquet('" + tmp
                + "/**/*.parquet', hive_partitioning = false)"))
                .isEqualTo(List.of((long) heapRows().size(), (long) heapRows().size(),
                        heapRows().stream().mapToLong(r -> r[0]).sum()));
    }

    @Test
    void sortedEndsOnRowsThatAreNotSortedOnlyAddParts() throws SQLException {
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.local(tmp), null);
        Map<LocalDate, ArchiveResult> written = archive(store, null, SliceEnds.atNextSlice());

        Map<LocalDate, Integer> files = check(store, written);
        assertThat(files.get(C)).isGreaterThan(2); // C came back 19 times after A's rows
        assertThat(duckdb("SELECT count(*), count(DISTINCT id) FROM read_parquet('" + tmp
                + "/**/*.parquet', hive_partitioning = false)"))
                .isEqualTo(List.of((long) heapRows().size(), (long) heapRows().size()));
    }

    @Test
    void aFailedReadIsAWarehouseFailureAndLeavesNoManifest() {
        ArchiveStore store = ArchiveStores.open(ArchiveLocation.local(tmp), null);
        CopyDataMessages rows = messages(heapRows());
        int[] n = {0};
        CopyDataMessages failing = () -> {
            if (++n[0] > 3_000) {
                throw new WarehouseReadException(new SQLException("terminating connection due to administrator "
                        + "command", "57P01"));
            }
            return rows.next();
        };
        UnloadOptions options = UnloadOptions.builder().format(FileFormat.PARQUET).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SliceArchiver(0, 0, 2).writeTupleSlices(failing,
                        options, store, COLUMNS, FOLDER_OF, List.of(A, B, C), SliceEnds.unknown()))
                .isInstanceOf(io.rslc.api.RslcException.class)
                .hasMessage("cannot read the rows to archive: terminating connection due to administrator command")
                .satisfies(e -> assertThat(((io.rslc.api.RslcException) e).code())
                        .isEqualTo(io.rslc.api.RslcException.ErrorCode.WAREHOUSE))
                .hasCauseInstanceOf(SQLException.class);
        assertThat(store.list("")).extracting(StoredFile::key).noneMatch(k -> k.endsWith(Manifest.NAME));
    }

    static List<Long> duckdb(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<Long> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getLong(i));
            }
            return out;
        }
    }
}
