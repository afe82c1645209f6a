package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Mode;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RunListener;
import io.rslc.api.RunReport;
import io.rslc.api.TableName;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.internal.warehouse.Warehouse;
import io.rslc.spi.TableLeases;
import io.rslc.testing.ArchiveRows;
import io.rslc.testing.MemoryRuleStore;
import io.rslc.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against a real PostgreSQL: each mode, both granularities, each format; archive read back with DuckDB
 * and compared row by row with what was deleted; journal, checkpoint, idempotent re-runs and late rows.
 */
class PostgresExecutorIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);

    @TempDir
    Path tmp;

    JdbcDataSource ds;

    @BeforeEach
    void database() {
        ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
    }

    // ---------------------------------------------------------------- helpers

    void sql(String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** A table {@code s.name} with {@code perDay} rows for every day in [from, to). Ids continue from {@code firstId}. */
    void table(String name, String dateType, LocalDate from, LocalDate to, int perDay, long firstId) throws SQLException {
        sql("CREATE SCHEMA IF NOT EXISTS s",
                "CREATE TABLE IF NOT EXISTS s." + name + " (id BIGINT, d " + dateType
                        + ", ts TIMESTAMP, amount NUMERIC(12,2), note TEXT, flag BOOLEAN)");
        insert(name, from, to, perDay, firstId);
    }

    void insert(String name, LocalDate from, LocalDate to, int perDay, long firstId) throws SQLException {
        sql("INSERT INTO s." + name + " SELECT " + firstId + " + g, DATE '" + from + "' + (g / " + perDay + "),"
                + " TIMESTAMP '" + from + " 10:00:00' + (g / " + perDay + ") * INTERVAL '1 day',"
                + " CASE WHEN g % 5 = 0 THEN NULL ELSE (g % 1000) / 4.0 END,"
                + " CASE WHEN g % 7 = 0 THEN NULL ELSE 'n' || g || ', \"q\"' END, g % 2 = 0"
                + " FROM generate_series(0, " + (perDay * (to.toEpochDay() - from.toEpochDay()) - 1) + ") g");
    }

    /** Rows as {@code id|d|amount|note} (NULL as \N), sorted, optionally only below a date. */
    List<String> rows(String name, String where) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id::text, d::text, amount::text, note FROM s." + name
                     + " WHERE " + where)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + nz(rs.getString(3)) + "|" + nz(rs.getString(4)));
            }
        }
        return out;
    }

    static String nz(String v) {
        return v == null ? "\\N" : v;
    }

    long count(String sql) throws SQLException {
        return TestPostgres.count(ds, sql);
    }

    Rule rule(String name, Granularity g, int retention, Mode mode, UnloadOptions.Builder options) {
        return Rule.builder().table("s", name).column("d").granularity(g).retention(retention).mode(mode)
                .priority(10).unload(mode.archives()
                        ? options.location(ArchiveLocation.local(tmp.resolve(name))).build()
                        : UnloadOptions.none()).build();
    }

    Rslc rslc(MemoryRuleStore store) {
        return rslc(store, PostgresWarehouse.localArchives());
    }

    Rslc rslc(MemoryRuleStore store, Warehouse warehouse) {
        return Rslc.configure().dataSource(ds).warehouse(warehouse).ruleStore(store).load();
    }

    static PlanOptions asOf(LocalDate d) {
        return new PlanOptions(d, ZoneOffset.UTC, null, Set.of());
    }

    static Map<String, Long> fileSizes(Path root) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.size(p) ^ Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void unloadAndDeleteDailyText() throws Exception {
        table("t", "DATE", AS_OF.minusDays(20), AS_OF.plusDays(2), 30, 0);
        LocalDate cutoff = AS_OF.minusDays(5);
        List<String> due = rows("t", "d < DATE '" + cutoff + "'");
        List<String> kept = rows("t", "d >= DATE '" + cutoff + "'");
        MemoryRuleStore store = new MemoryRuleStore(rule("t", Granularity.DAILY, 5, Mode.UNLOAD_AND_DELETE,
                UnloadOptions.builder()));

        RunReport report = rslc(store).run(asOf(AS_OF));

        TableReport t = report.tables().get(0);
        assertThat(t.status()).as(String.valueOf(t.error())).isEqualTo(TableReport.Status.OK);
        assertThat(t.slices()).hasSize(15);
        assertThat(t.rowsArchived()).isEqualTo(due.size()).isEqualTo(t.rowsDeleted());
        assertThat(rows("t", "true")).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(ArchiveRows.text(tmp.resolve("t"))).containsExactlyInAnyOrderElementsOf(due);
        assertThat(store.checkpoint(new TableName("s", "t"))).isEqualTo(cutoff.minusDays(1));
        assertThat(t.maintenance()).containsExactly("VACUUM (ANALYZE) \"s\".\"t\"");
        try (Connection c = ds.getConnection()) {
            List<JournalEntry> journal = new Journal(io.rslc.internal.sql.SqlDialect.POSTGRESQL, "rslc").entries(c, new TableName("s", "t"));
            assertThat(journal).hasSize(15).extracting(JournalEntry::outcome).allMatch(r -> r.generation() == 1
                    && r.rowsArchived() == 30 && r.rowsDeleted() == 30
                    && r.archive().contains("rslc_slice=" + r.slice().start() + "/rslc_gen=1/"));
            assertThat(journal).allMatch(e -> e.runId().equals(report.runId()) && e.column().equals("d")
                    && e.mode().equals("unload_and_delete") && !e.committedAt().isBefore(e.startedAt()));
            assertThat(journal).extracting(JournalEntry::outcome).containsExactlyElementsOf(t.slices().stream()
                    .map(r -> new io.rslc.api.SliceReport(r.slice(), r.generation(), r.rowsArchived(),
                            r.rowsDeleted(), r.files(), r.bytes(), r.archive(), 0, journal.get(t.slices().indexOf(r))
                            .outcome().duration())).toList());
        }

        RunReport again = rslc(store).run(asOf(AS_OF));
        assertThat(again.tables().get(0).slices()).isEmpty();
        assertThat(again.tables().get(0).maintenance()).isEmpty();
        assertThat(again.rowsArchived()).isZero();
    }

    @Test
    void lateRowsBehindTheCheckpointAreArchivedAsANewGenerationWithoutTouchingEarlierFiles() throws Exception {
        table("late", "DATE", AS_OF.minusDays(10), AS_OF, 10, 0);
        MemoryRuleStore store = new MemoryRuleStore(rule("late", Granularity.DAILY, 3, Mode.UNLOAD_AND_DELETE,
                UnloadOptions.builder().format(FileFormat.CSV).header(true).compression(Compression.GZIP)));
        assertThat(rslc(store).run(asOf(AS_OF)).succeeded()).isTrue();
        Map<String, Long> before = fileSizes(tmp.resolve("late"));
        LocalDate lateDay = AS_OF.minusDays(8);
        insert("late", lateDay, lateDay.plusDays(1), 4, 1000);
        List<String> lateRows = rows("late", "d < DATE '" + AS_OF.minusDays(3) + "'");
        assertThat(lateRows).hasSize(4);

        RunReport second = rslc(store).run(asOf(AS_OF));

        TableReport t = second.tables().get(0);
        assertThat(t.slices()).singleElement().satisfies(s -> {
            assertThat(s.slice().start()).isEqualTo(lateDay);
            assertThat(s.generation()).isEqualTo(2);
            assertThat(s.rowsArchived()).isEqualTo(4);
        });
        Map<String, Long> after = fileSizes(tmp.resolve("late"));
        assertThat(after).containsAllEntriesOf(before);
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("rslc_slice=" + lateDay + "/rslc_gen=2/"));
        assertThat(ArchiveRows.csv(tmp.resolve("late").resolve("rslc_slice=" + lateDay).resolve("rslc_gen=2"),
                "*_part_*")).containsExactlyInAnyOrderElementsOf(lateRows);
        assertThat(count("SELECT count(*) FROM s.late WHERE d < DATE '" + AS_OF.minusDays(3) + "'")).isZero();
    }

    @Test
    void unloadOnlyMonthlyCsvKeepsRowsAndResumesAfterTheCheckpoint() throws Exception {
        table("m", "TIMESTAMP", LocalDate.of(2019, 11, 1), LocalDate.of(2020, 6, 21), 2, 0);
        long total = count("SELECT count(*) FROM s.m");
        List<String> due = rows("m", "d < TIMESTAMP '2020-03-01 00:00:00'");
        MemoryRuleStore store = new MemoryRuleStore(rule("m", Granularity.MONTHLY, 3, Mode.UNLOAD_ONLY,
                UnloadOptions.builder().format(FileFormat.CSV).header(true)));

        RunReport report = rslc(store).run(asOf(AS_OF));

        TableReport t = report.tables().get(0);
        assertThat(t.status()).as(String.valueOf(t.error())).isEqualTo(TableReport.Status.OK);
        assertThat(t.slices()).extracting(s -> s.slice().key()).containsExactly("2019-11", "2019-12", "2020-01", "2020-02");
        assertThat(t.rowsDeleted()).isZero();
        assertThat(t.maintenance()).isEmpty();
        assertThat(count("SELECT count(*) FROM s.m")).isEqualTo(total);
        assertThat(ArchiveRows.csv(tmp.resolve("m"), "*_part_*")).containsExactlyInAnyOrderElementsOf(due);
        assertThat(store.checkpoint(new TableName("s", "m"))).isEqualTo(LocalDate.of(2020, 2, 1));

        assertThat(rslc(store).run(asOf(AS_OF)).tables().get(0).slices()).isEmpty();
        RunReport nextMonth = rslc(store).run(asOf(LocalDate.of(2020, 7, 2)));
        assertThat(nextMonth.tables().get(0).slices()).extracting(s -> s.slice().key()).containsExactly("2020-03");
    }

    @Test
    void deleteOnlyWritesNoArchive() throws Exception {
        table("del", "DATE", AS_OF.minusDays(6), AS_OF, 5, 0);
        MemoryRuleStore store = new MemoryRuleStore(rule("del", Granularity.DAILY, 2, Mode.DELETE_ONLY, null));

        RunReport report = rslc(store).run(asOf(AS_OF));

        TableReport t = report.tables().get(0);
        assertThat(t.rowsDeleted()).isEqualTo(20);
        assertThat(t.rowsArchived()).isZero();
        assertThat(count("SELECT count(*) FROM s.del")).isEqualTo(10);
        assertThat(tmp.resolve("del")).doesNotExist();
    }

    @Test
    void parquetWithPartitionsIsAHiveDatasetOfExactlyTheDeletedRows() throws Exception {
        table("p", "DATE", AS_OF.minusDays(12), AS_OF, 25, 0);
        List<String> due = rows("p", "d < DATE '" + AS_OF.minusDays(4) + "'");
        MemoryRuleStore store = new MemoryRuleStore(rule("p", Granularity.DAILY, 4, Mode.UNLOAD_AND_DELETE,
                UnloadOptions.builder().format(FileFormat.PARQUET).partitionColumn("d")));

        RunReport report = rslc(store).run(asOf(AS_OF));

        assertThat(report.succeeded()).isTrue();
        assertThat(ArchiveRows.parquet(tmp.resolve("p"))).containsExactlyInAnyOrderElementsOf(due);
        assertThat(ArchiveRows.hiveSlices(tmp.resolve("p"))).hasSize(8).first().isEqualTo(AS_OF.minusDays(12).toString());
    }

    @Test
    void liveDryRunShowsRealSlicesAndChangesNothing() throws Exception {
        table("dry", "DATE", AS_OF.minusDays(4), AS_OF, 3, 0);
        MemoryRuleStore store = new MemoryRuleStore(rule("dry", Granularity.DAILY, 1, Mode.UNLOAD_AND_DELETE,
                UnloadOptions.builder()));
        Plan plan = rslc(store).dryRun(asOf(AS_OF));
        assertThat(plan.tables().get(0).slices()).hasSize(3).allMatch(s -> s.rows() == 3 && s.generation() == 1);
        assertThat(count("SELECT count(*) FROM s.dry")).isEqualTo(12);
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'rslc'")).isZero();
    }

    @Test
    void badTablesFailAloneWithClearMessages() throws Exception {
        table("good", "DATE", AS_OF.minusDays(3), AS_OF, 2, 0);
        table("ro", "DATE", AS_OF.minusDays(3), AS_OF, 2, 0);
        sql("CREATE TABLE s.textcol (id BIGINT, d TEXT)");
        // An archive folder that cannot be created: its parent is a regular file (fails even as root).
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Rule unwritable = Rule.builder().table("s", "ro").column("d").retention(1).priority(5)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(blocker.resolve("archive"))).build())
                .build();
        MemoryRuleStore store = new MemoryRuleStore(
                rule("missing", Granularity.DAILY, 1, Mode.DELETE_ONLY, null),
                rule("textcol", Granularity.DAILY, 1, Mode.DELETE_ONLY, null),
                unwritable,
                Rule.builder().table("s", "good").column("d").retention(1).mode(Mode.DELETE_ONLY).priority(20).build());

        RunReport report = rslc(store).run(asOf(AS_OF));
        Map<String, TableReport> byTable = new TreeMap<>();
        report.tables().forEach(t -> byTable.put(t.rule().table().table(), t));

        assertThat(byTable.get("missing").error())
                .isEqualTo("table s.missing does not exist (or the rslc user cannot see it); check api");
        assertThat(byTable.get("textcol").error())
                .isEqualTo("column d of s.textcol is text, not a date or timestamp; check column_name in api");
        assertThat(byTable.get("ro").status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(byTable.get("ro").error()).contains(blocker.toString());
        assertThat(count("SELECT count(*) FROM s.ro")).as("nothing deleted when the archive fails").isEqualTo(6);
        assertThat(byTable.get("good").status()).isEqualTo(TableReport.Status.OK);
        assertThat(byTable.get("good").rowsDeleted()).isEqualTo(4);
        assertThat(report.succeeded()).isFalse();

        MemoryRuleStore withBadColumn = new MemoryRuleStore(
                Rule.builder().table("s", "good").column("nope").retention(1).mode(Mode.DELETE_ONLY).build());
        assertThat(rslc(withBadColumn).run(asOf(AS_OF)).tables().get(0).error())
                .isEqualTo("column nope does not exist in s.good; check column_name in api");
    }

    @Test
    void aTableLockedByAnotherProcessIsSkippedAsBusy() throws Exception {
        table("busy", "DATE", AS_OF.minusDays(3), AS_OF, 2, 0);
        MemoryRuleStore store = new MemoryRuleStore(rule("busy", Granularity.DAILY, 1, Mode.DELETE_ONLY, null));
        try (Connection other = ds.getConnection()) {
            Warehouse.TableLock lock = PostgresWarehouse.localArchives().tryLock(other, new TableName("s", "busy"));
            assertThat(lock).isNotNull();
            RunReport report = rslc(store).run(asOf(AS_OF));
            assertThat(report.tables().get(0).status()).isEqualTo(TableReport.Status.BUSY);
            assertThat(report.tables().get(0).error()).contains("another rslc process is working on s.busy");
            assertThat(report.succeeded()).isTrue();
            assertThat(count("SELECT count(*) FROM s.busy")).isEqualTo(6);
            lock.close();
        }
        assertThat(rslc(store).run(asOf(AS_OF)).tables().get(0).rowsDeleted()).isEqualTo(4);
    }

    @Test
    void aTableLeasedByAnotherWorkerIsSkippedAndItsLeaseIsRenewedPerTransaction() throws Exception {
        table("leased", "DATE", AS_OF.minusDays(4), AS_OF, 2, 0);
        table("free", "DATE", AS_OF.minusDays(4), AS_OF, 2, 0);
        MemoryRuleStore store = new MemoryRuleStore(rule("leased", Granularity.DAILY, 1, Mode.DELETE_ONLY, null),
                rule("free", Granularity.DAILY, 1, Mode.DELETE_ONLY, null));
        List<String> events = new ArrayList<>();
        TableLeases leases = table -> table.table().equals("leased") ? null : new TableLeases.Lease() {
            @Override
            public void renew() {
                events.add("renew " + table);
            }

            @Override
            public void close() {
                events.add("release " + table);
            }
        };
        RunReport report = Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(store).leases(leases).batchRows(4).load().run(asOf(AS_OF));
        Map<String, TableReport> byTable = new TreeMap<>();
        report.tables().forEach(t -> byTable.put(t.rule().table().table(), t));
        assertThat(byTable.get("leased").status()).isEqualTo(TableReport.Status.BUSY);
        assertThat(byTable.get("leased").error()).contains("another rslc worker holds the lease of s.leased");
        assertThat(count("SELECT count(*) FROM s.leased")).isEqualTo(8);
        assertThat(byTable.get("free").rowsDeleted()).isEqualTo(6);
        // 3 slices of 2 rows in batches of at most 4 rows: 2 transactions
        assertThat(events).containsExactly("renew s.free", "renew s.free", "release s.free");
    }

    @Test
    void aBatchRoutesRowsThatArriveInAnUnplannedDayIntoThatDaysOwnSlice() throws Exception {
        sql("CREATE SCHEMA s", "CREATE TABLE s.gap (id BIGINT, d DATE, ts TIMESTAMP, amount NUMERIC(12,2), note TEXT, flag BOOLEAN)",
                "INSERT INTO s.gap SELECT g, DATE '2020-06-01' + 2 * (g % 3), NULL, g, 'n' || g, true FROM generate_series(1, 30) g");
        MemoryRuleStore store = new MemoryRuleStore(rule("gap", Granularity.DAILY, 10, Mode.UNLOAD_AND_DELETE,
                UnloadOptions.builder()));
        RunListener latecomer = new RunListener() {
            boolean done;

            @Override
            public void sliceStarted(io.rslc.api.TablePlan plan, io.rslc.api.SlicePlan slice) {
                if (!done) {
                    done = true;
                    try {
                        sql("INSERT INTO s.gap VALUES (99, DATE '2020-06-02', NULL, 1, 'late', false)");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        RunReport report = Rslc.configure().dataSource(ds).warehouse(PostgresWarehouse.localArchives())
                .ruleStore(store).listener(latecomer).load().run(asOf(AS_OF));

        TableReport t = report.tables().get(0);
        assertThat(t.slices()).extracting(r -> r.slice().key())
                .containsExactly("2020-06-01", "2020-06-02", "2020-06-03", "2020-06-05");
        assertThat(t.rowsArchived()).isEqualTo(31).isEqualTo(t.rowsDeleted());
        assertThat(count("SELECT count(*) FROM s.gap")).isZero();
        assertThat(ArchiveRows.text(tmp.resolve("gap").resolve("rslc_slice=2020-06-02"))).containsExactly(
                "99|2020-06-02|1.00|late");
        assertThat(t.notes()).noneMatch(n -> n.contains("changed since planning"));
        try (Connection c = ds.getConnection()) {
            assertThat(new Journal(io.rslc.internal.sql.SqlDialect.POSTGRESQL, "rslc").entries(c, new TableName("s", "gap")))
                    .extracting(e -> e.outcome().rowsArchived()).containsExactly(10L, 1L, 10L, 10L);
        }
    }

    @Test
    void aBatchOverRowsInterleavedAcrossManyDaysWritesOneFilePerSlice() throws Exception {
        sql("CREATE SCHEMA s");
        // plain CSV keeps a file open per slice; gzip keeps 32, so the batch must read the 40 days sorted
        for (Compression compression : List.of(Compression.NONE, Compression.GZIP)) {
            String name = "mix_" + compression.name().toLowerCase();
            sql("CREATE TABLE s." + name + " (id BIGINT, d DATE, ts TIMESTAMP, amount NUMERIC(12,2), note TEXT, flag BOOLEAN)",
                    // physical order cycles through 40 days: every row is on another day than the previous one
                    "INSERT INTO s." + name + " SELECT g, DATE '2020-04-01' + (g % 40), NULL, g, 'n' || g, true"
                            + " FROM generate_series(1, 4000) g");
            MemoryRuleStore store = new MemoryRuleStore(rule(name, Granularity.DAILY, 10, Mode.UNLOAD_AND_DELETE,
                    UnloadOptions.builder().format(FileFormat.CSV).header(true).compression(compression)));

            RunReport report = rslc(store).run(asOf(AS_OF));

            assertThat(report.tables().get(0).slices()).as(name).hasSize(40)
                    .allMatch(s -> s.files() == 1 && s.rowsArchived() == 100);
            try (Stream<Path> files = Files.walk(tmp.resolve(name))) {
                assertThat(files.filter(f -> f.getFileName().toString().matches("\\d{4}_part_\\d{2}.*"))).as(name).hasSize(40);
            }
        }
    }
}
