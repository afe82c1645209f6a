package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.Mode;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PlannedTransaction;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.testing.ArchiveRows;
import io.rslc.testing.MemoryRuleStore;
import io.rslc.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What other sessions do while a slice runs: inserts into the slice after its snapshot are left in the table,
 * never deleted unarchived; a concurrent update forces a serialization retry; a count mismatch rolls back.
 */
class ConcurrencyIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);
    static final LocalDate DAY = AS_OF.minusDays(3);

    @TempDir
    Path tmp;

    JdbcDataSource ds;

    @BeforeEach
    void setUp() throws SQLException {
        ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        exec("CREATE SCHEMA s", "CREATE TABLE s.t (id BIGINT PRIMARY KEY, d DATE, ts TIMESTAMP, amount NUMERIC(12,2), "
                + "note TEXT, flag BOOLEAN)",
                "INSERT INTO s.t SELECT g, DATE '" + DAY + "', NULL, g, 'row ' || g, true FROM generate_series(1, 100) g");
    }

    void exec(String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    long count(String sql) throws SQLException {
        return TestPostgres.count(ds, sql);
    }

    Rule rule() {
        return Rule.builder().table("s", "t").column("d").retention(1).mode(Mode.UNLOAD_AND_DELETE)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();
    }

    Rslc rslc(MemoryRuleStore store, ForwardingWarehouse w) {
        return Rslc.configure().dataSource(ds).warehouse(w).ruleStore(store)
                .retries(3, Duration.ofMillis(10)).load();
    }

    static PlanOptions options() {
        return new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of());
    }

    @Test
    void anInsertAfterTheSnapshotIsNeitherArchivedNorDeleted() throws Exception {
        ForwardingWarehouse w = new ForwardingWarehouse(PostgresWarehouse.localArchives()) {
            @Override
            public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                         Function<LocalDate, Integer> gen) throws SQLException {
                Map<LocalDate, ArchiveResult> a = super.archive(c, rule, tx, gen);
                exec("INSERT INTO s.t VALUES (1000, DATE '" + DAY + "', NULL, 1, 'concurrent', false)");
                return a;
            }
        };
        MemoryRuleStore store = new MemoryRuleStore(rule());

        RunReport report = rslc(store, w).run(options());

        assertThat(report.tables().get(0).rowsArchived()).isEqualTo(100);
        assertThat(report.tables().get(0).rowsDeleted()).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM s.t")).isEqualTo(1);
        assertThat(count("SELECT id FROM s.t")).isEqualTo(1000);
        assertThat(ArchiveRows.text(tmp.resolve("t"))).hasSize(100).noneMatch(r -> r.startsWith("1000|"));

        RunReport next = rslc(store, new ForwardingWarehouse(PostgresWarehouse.localArchives())).run(options());
        assertThat(next.tables().get(0).slices()).singleElement()
                .satisfies(s -> assertThat(s.generation()).isEqualTo(2));
        assertThat(count("SELECT count(*) FROM s.t")).isZero();
        assertThat(ArchiveRows.text(tmp.resolve("t"))).hasSize(101);
    }

    @Test
    void aDeadlockWhileTheRowsAreReadForTheArchiveIsRetriedToo() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ForwardingWarehouse w = new ForwardingWarehouse(PostgresWarehouse.localArchives()) {
            @Override
            public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                         Function<LocalDate, Integer> gen) throws SQLException {
                if (attempts.incrementAndGet() == 1) { // as SliceArchiver reports a failed read
                    throw new io.rslc.api.RslcException(io.rslc.api.RslcException.ErrorCode.WAREHOUSE,
                            "cannot read the rows to archive: deadlock detected",
                            new SQLException("deadlock detected", "40P01"));
                }
                return super.archive(c, rule, tx, gen);
            }
        };
        MemoryRuleStore store = new MemoryRuleStore(rule());

        RunReport report = rslc(store, w).run(options());

        assertThat(report.succeeded()).isTrue();
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(report.tables().get(0).slices().get(0).attempts()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM s.t")).isZero();
        assertThat(ArchiveRows.text(tmp.resolve("t"))).hasSize(100);
    }

    @Test
    void aConcurrentUpdateOfAnArchivedRowForcesARetryOfTheWholeSlice() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ForwardingWarehouse w = new ForwardingWarehouse(PostgresWarehouse.localArchives()) {
            @Override
            public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                         Function<LocalDate, Integer> gen) throws SQLException {
                Map<LocalDate, ArchiveResult> a = super.archive(c, rule, tx, gen);
                if (attempts.incrementAndGet() == 1) {
                    exec("UPDATE s.t SET note = 'changed' WHERE id = 7");
                }
                return a;
            }
        };
        MemoryRuleStore store = new MemoryRuleStore(rule());

        RunReport report = rslc(store, w).run(options());

        assertThat(report.succeeded()).isTrue();
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(report.tables().get(0).slices().get(0).attempts()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM s.t")).isZero();
        assertThat(ArchiveRows.text(tmp.resolve("t"))).hasSize(100).contains("7|" + DAY + "|7.00|changed");
    }

    @Test
    void aCountMismatchRollsBackAndDeletesNothing() throws Exception {
        ForwardingWarehouse lossy = new ForwardingWarehouse(PostgresWarehouse.localArchives()) {
            @Override
            public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                         Function<LocalDate, Integer> gen) throws SQLException {
                Map<LocalDate, ArchiveResult> a = super.archive(c, rule, tx, gen);
                Map<LocalDate, ArchiveResult> fewer = new java.util.LinkedHashMap<>();
                a.forEach((k, v) -> fewer.put(k, new ArchiveResult(v.rows() - 1, v.bytes(), v.files(), v.manifestKey(), v.location())));
                return fewer;
            }
        };
        MemoryRuleStore store = new MemoryRuleStore(rule());

        RunReport report = rslc(store, lossy).run(options());

        TableReport t = report.tables().get(0);
        assertThat(t.status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(t.error()).contains("archived 99 row(s) but the DELETE removed 100; rolled back, nothing deleted");
        assertThat(count("SELECT count(*) FROM s.t")).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM rslc.slice_journal")).isZero();
        assertThat(store.checkpoint(rule().table())).isNull();
        assertThat(report.succeeded()).isFalse();
    }

    /** Workers starting together must not fail on PostgreSQL's non-atomic CREATE ... IF NOT EXISTS (CI saw it). */
    @Test
    void manyWorkersCreateTheJournalAtOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String schema = "journal_race_" + round;
            Journal journal = new Journal(io.rslc.internal.sql.SqlDialect.POSTGRESQL, schema);
            int workers = 8;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(workers);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
            try {
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    done.add(pool.submit(() -> {
                        try (Connection c = ds.getConnection()) {
                            start.await();
                            journal.ensure(c);
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get(); // throws if any worker failed
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name = 'slice_journal'")).isEqualTo(1);
        }
    }
}
