package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.FileFormat;
import io.rslc.api.Mode;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.store.ArchiveStores;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.testing.ArchiveRows;
import io.rslc.testing.MemoryRuleStore;
import io.rslc.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A batch of more slices than the archive keeps files open reads its rows in heap order when few slices interleave
 * in the heap (an append-only table, a few late rows; for Parquet up to half of
 * {@code ScanPolicy.openFilesCounted}, each slice's files completing with its last row), and sorts them
 * otherwise (more slices interleaved, or a table without statistics). Either way every due row is archived once,
 * and a slice gets one file (per writer).
 */
class HeapOrderIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 1);
    static final LocalDate FIRST = LocalDate.of(2020, 3, 1);
    static final int DAYS = 80;
    /** Files a slice larger than one writer's share is split into: one per encoder thread (machine-dependent). */
    static final int WRITERS = io.rslc.internal.archive.ScanPolicy.writers(UnloadOptions.builder().format(FileFormat.PARQUET).build());
    /** Files each writer keeps open (so slices it takes interleaved without sorting). */
    static final int OPEN_FILES = io.rslc.internal.archive.ScanPolicy.MAX_OPEN_FILES / WRITERS;

    @TempDir
    Path tmp;

    JdbcDataSource ds;
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger warehouseLog = (Logger) LoggerFactory.getLogger("io.rslc.internal"); // ScanPolicy and PostgresProbes
    Level level;

    @BeforeEach
    void setUp() throws SQLException {
        ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        sql("CREATE SCHEMA s",
                "CREATE TABLE s.t (id BIGINT, d DATE, amount NUMERIC(12,2), note TEXT)");
        level = warehouseLog.getLevel();
        warehouseLog.setLevel(Level.DEBUG);
        warehouseLog.setAdditive(false); // captured here, not printed by the build
        log.start();
        warehouseLog.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        warehouseLog.detachAppender(log);
        warehouseLog.setLevel(level);
        warehouseLog.setAdditive(true);
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    RunReport run() {
        Rule rule = Rule.builder().table("s", "t").column("d").retention(10).mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().format(FileFormat.PARQUET)
                        .location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();
        return Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(new MemoryRuleStore(rule)).zone(ZoneOffset.UTC).load()
                .run(new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of()));
    }

    /** Data files per slice folder name ({@code rslc_slice=...}). */
    Map<String, Long> filesPerSlice() throws IOException {
        try (Stream<Path> files = Files.walk(tmp.resolve("t"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .collect(Collectors.groupingBy(f -> tmp.resolve("t").relativize(f).getName(0).toString(),
                            Collectors.counting()));
        }
    }

    List<String> decisions() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("interleaved"))
                .toList();
    }

    @Test
    void anAppendOnlyTableIsReadInHeapOrderAndEachSliceIsOneFile() throws Exception {
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g / 100), g / 7.0, 'n' || g "
                + "FROM generate_series(0, " + (DAYS * 100 - 1) + ") g ORDER BY g",
                // late rows of three early days, appended last: their slices now span the rest of the heap
                "INSERT INTO s.t SELECT 100000 + g, DATE '" + FIRST + "' + g, 0, 'late' FROM generate_series(1, 3) g");
        List<String> due = rows();

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(decisions()).singleElement().asString().contains("at most 4 interleaved").endsWith("heap order");
        assertThat(sorted(ArchiveRows.parquet(tmp.resolve("t")))).isEqualTo(sorted(due));
        Map<String, Long> files = filesPerSlice();
        assertThat(files).hasSize(due.size() / 100);
        Set<String> late = Set.of("rslc_slice=2020-03-02", "rslc_slice=2020-03-03", "rslc_slice=2020-03-04");
        files.forEach((slice, n) -> {
            if (late.contains(slice)) {
                assertThat(n).as(slice).isBetween(1L, 2L); // the late row may start a second part
            } else {
                assertThat(n).as(slice).isEqualTo(1L);
            }
        });
    }

    @Test
    void largeSlicesInterleavedAtRandomGetOneFilePerWriterNotOneFilePerRun() throws Exception {
        // More days than each writer keeps files open when slices end at the next slice, of 9,000 rows each (more
        // than a writer takes before a slice moves on to the other one), in random order. With the table's
        // statistics (ANALYZE: the row size comes from them, and before autovacuum gets to a new table it is
        // unknown, which sorts) the heap check finds them within what files ending by row count may hold: heap
        // order; either way the writers must not keep closing and reopening files (hundreds of parts)
        int days = OPEN_FILES + 4;
        int rows = days * 9_000;
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g % " + days + "), g / 7.0, 'n' || g "
                + "FROM generate_series(0, " + (rows - 1) + ") g ORDER BY md5(g::text)");
        sql("ANALYZE s.t");
        List<String> due = rows();

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(decisions()).singleElement().asString().contains("at most " + days + " interleaved")
                .endsWith("heap order");
        assertThat(sorted(ArchiveRows.parquet(tmp.resolve("t")))).hasSize(rows).isEqualTo(sorted(due));
        assertThat(filesPerSlice()).hasSize(days).allSatisfy((slice, n) -> assertThat(n).as(slice).isEqualTo(WRITERS));
    }

    @Test
    void fewLargeSlicesInterleavedAtRandomNeedNoSort() throws Exception {
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g % 12), g / 7.0, 'n' || g "
                + "FROM generate_series(0, 107999) g ORDER BY md5(g::text)");

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(report.rowsArchived()).isEqualTo(108_000);
        assertThat(decisions()).as("12 slices fit the writers' open files: no check, no sort").isEmpty();
        assertThat(filesPerSlice()).hasSize(12).allSatisfy((slice, n) -> assertThat(n).as(slice).isEqualTo(WRITERS));
    }

    @Test
    void anIndexLeadingWithTheDateColumnOrdersTheBatchWithoutTheHeapCheck() throws Exception {
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g % " + DAYS + "), g / 7.0, 'n' || g "
                + "FROM generate_series(0, " + (DAYS * 100 - 1) + ") g",
                "CREATE INDEX ON s.t (d, id)", "ANALYZE s.t");
        List<String> due = rows();

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(indexDecisions()).singleElement().asString().endsWith("read ordered by it");
        assertThat(decisions()).as("no heap check").isEmpty();
        assertThat(sorted(ArchiveRows.parquet(tmp.resolve("t")))).isEqualTo(sorted(due));
        assertThat(filesPerSlice()).hasSize(due.size() / 100).allSatisfy((slice, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void indexesThatDoNotLeadWithTheDateColumnOrArePartialDoNotCount() throws Exception {
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g % " + DAYS + "), g / 7.0, 'n' || g "
                + "FROM generate_series(0, " + (DAYS * 100 - 1) + ") g",
                "CREATE INDEX ON s.t (id, d)", "CREATE INDEX ON s.t USING hash (d)",
                "CREATE INDEX ON s.t (d) WHERE d > DATE '2020-05-01'");

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(indexDecisions()).isEmpty();
        assertThat(decisions()).as("the heap check runs").singleElement().asString()
                .contains("at most 80 interleaved").endsWith("heap order");
        assertThat(filesPerSlice()).allSatisfy((slice, n) -> assertThat(n).isEqualTo(1));
    }

    List<String> indexDecisions() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("B-tree index")).toList();
    }

    @Test
    void slicesInterleavedInTheHeapCompleteWithTheirLastRowOneFileEach() throws Exception {
        // every page holds rows of every day: 80 due slices open at once, each completed by its row count
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g % " + DAYS + "), g / 7.0, 'n' || g "
                + "FROM generate_series(0, " + (DAYS * 100 - 1) + ") g", "ANALYZE s.t");
        List<String> due = rows();

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(decisions()).singleElement().asString().contains("at most 80 interleaved").endsWith("heap order");
        assertThat(sorted(ArchiveRows.parquet(tmp.resolve("t")))).isEqualTo(sorted(due));
        assertThat(filesPerSlice()).hasSize(due.size() / 100).allSatisfy((slice, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void moreSlicesInterleavedThanFilesCanStayOpenAreSortedIntoOneFileEach() throws Exception {
        UnloadOptions parquet = UnloadOptions.builder().format(FileFormat.PARQUET)
                .location(ArchiveLocation.local(tmp.resolve("t"))).build();
        int days = io.rslc.internal.archive.ScanPolicy.openFilesCounted(parquet,
                io.rslc.internal.archive.store.ArchiveStores.open(parquet.location(), null)) / 2 + 10;
        LocalDate first = AS_OF.minusDays(20 + days);
        sql("INSERT INTO s.t SELECT g, DATE '" + first + "' + (g % " + days + "), g / 7.0, 'n' || g "
                + "FROM generate_series(0, " + (days * 5 - 1) + ") g", "ANALYZE s.t");
        List<String> due = rows();

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(due).hasSize(days * 5);
        assertThat(decisions()).singleElement().asString().contains("at most " + days + " interleaved")
                .endsWith("sorted");
        assertThat(sorted(ArchiveRows.parquet(tmp.resolve("t")))).isEqualTo(sorted(due));
        assertThat(filesPerSlice()).hasSize(days).allSatisfy((slice, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aTableWithoutStatisticsIsSorted() throws Exception {
        // no ANALYZE (nor an index build): the planner's row estimate is unknown, so are the bytes per row
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g % " + DAYS + "), g / 7.0, 'n' || g "
                + "FROM generate_series(0, " + (DAYS * 100 - 1) + ") g");
        List<String> due = rows();

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(decisions()).singleElement().asString().contains("at most 80 interleaved").endsWith("sorted");
        assertThat(sorted(ArchiveRows.parquet(tmp.resolve("t")))).isEqualTo(sorted(due));
        assertThat(filesPerSlice()).hasSize(due.size() / 100).allSatisfy((slice, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aPartitionedTableIsSorted() throws Exception {
        // its children are scanned one after the other, each with rows of every slice: no single heap order
        sql("DROP TABLE s.t", "CREATE TABLE s.t (id BIGINT, d DATE, amount NUMERIC(12,2), note TEXT) "
                + "PARTITION BY HASH (id)",
                "CREATE TABLE s.t0 PARTITION OF s.t FOR VALUES WITH (MODULUS 2, REMAINDER 0)",
                "CREATE TABLE s.t1 PARTITION OF s.t FOR VALUES WITH (MODULUS 2, REMAINDER 1)",
                "INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g / 100), g / 7.0, 'n' || g "
                        + "FROM generate_series(0, " + (DAYS * 100 - 1) + ") g ORDER BY g", "ANALYZE s.t");
        List<String> due = rows();

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage))
                .contains("s.t: not a plain table without children: sorted");
        assertThat(sorted(ArchiveRows.parquet(tmp.resolve("t")))).isEqualTo(sorted(due));
        assertThat(filesPerSlice()).hasSize(due.size() / 100).allSatisfy((slice, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void rowBytesCountTheirToastedValues() throws Exception {
        // 4 KB of incompressible text per row, stored out of line: the heap itself holds ~60 bytes a row
        sql("INSERT INTO s.t SELECT g, DATE '" + FIRST + "' + (g % " + DAYS + "), g / 7.0, "
                + "(SELECT string_agg(md5(g::text || i::text), '') FROM generate_series(1, 128) i) "
                + "FROM generate_series(0, " + (DAYS * 5 - 1) + ") g", "ANALYZE s.t");

        RunReport report = run();

        assertThat(report.tables().get(0).status()).as(report.tables().get(0).error()).isEqualTo(TableReport.Status.OK);
        String decision = decisions().get(0);
        long rowBytes = Long.parseLong(decision.replaceAll(".* row\\(s\\) of ~(\\d+) bytes.*", "$1"));
        assertThat(rowBytes).as(decision).isGreaterThan(4_000);
    }

    static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    /** The due rows as {@link ArchiveRows} spells them. */
    List<String> rows() throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT id, d, amount, note FROM s.t WHERE d < DATE '" + AS_OF.minusDays(10)
                     + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return out;
    }
}
