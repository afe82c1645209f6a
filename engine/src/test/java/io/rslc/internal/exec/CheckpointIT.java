package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.ArchiveLocation;
import io.rslc.api.Mode;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.RunReport;
import io.rslc.api.TableName;
import io.rslc.api.TableReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.ArchiveResult;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.PlannedTransaction;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.spi.RuleStore;
import io.rslc.testing.ArchiveRows;
import io.rslc.testing.MemoryRuleStore;
import io.rslc.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the checkpoint moves only over committed slices and the report says what happened to it; a store
 * that keeps no checkpoints (a CSV left as it is) resumes from the journal, with no row archived twice and no
 * slice skipped.
 */
class CheckpointIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);
    static final TableName T = new TableName("s", "t");

    @TempDir
    Path tmp;

    JdbcDataSource ds;

    @BeforeEach
    void database() throws SQLException {
        ds = new JdbcDataSource(TestPostgres.newDatabase(), null, null);
        sql("CREATE SCHEMA s", "CREATE TABLE s.t (id BIGINT, d DATE, ts TIMESTAMP, amount NUMERIC(12,2), note TEXT, "
                + "flag BOOLEAN)");
        insert(1, LocalDate.of(2020, 6, 1), 10); // 2020-06-01 .. 06-10, 10 rows a day
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    void insert(long firstId, LocalDate from, int days) throws SQLException {
        sql("INSERT INTO s.t SELECT " + firstId + " + g, DATE '" + from + "' + (g / 10), NULL, g, 'n' || g, true "
                + "FROM generate_series(0, " + (days * 10 - 1) + ") g");
    }

    Rule rule(Mode mode) {
        return Rule.builder().table("s", "t").column("d").retention(1).priority(1).mode(mode)
                .unload(UnloadOptions.builder().location(ArchiveLocation.local(tmp.resolve("t"))).build()).build();
    }

    /** The PostgreSQL warehouse, failing the archive of every slice from {@code failFrom} on (null: never). */
    static ForwardingWarehouse failingFrom(LocalDate failFrom) {
        return new ForwardingWarehouse(PostgresWarehouse.localArchives()) {
            @Override
            public Map<LocalDate, ArchiveResult> archive(Connection c, Rule rule, PlannedTransaction tx,
                                                         Function<LocalDate, Integer> generationOf)
                    throws SQLException {
                if (failFrom != null && !tx.plan().slices().get(0).slice().start().isBefore(failFrom)) {
                    throw new SQLException("disk full (injected)", "53100");
                }
                return super.archive(c, rule, tx, generationOf);
            }
        };
    }

    RunReport run(RuleStore store, LocalDate failFrom, LocalDate asOf) {
        return Rslc.configure().dataSource(ds).warehouse(failingFrom(failFrom)).ruleStore(store).batchRows(0).load()
                .run(new PlanOptions(asOf, ZoneOffset.UTC, null, Set.of()));
    }

    @Test
    void aTableThatFailsAfterSomeSlicesMovesTheCheckpointToTheLastCommittedOneAndSaysSo() throws Exception {
        MemoryRuleStore store = new MemoryRuleStore(rule(Mode.UNLOAD_AND_DELETE));
        TableReport t = run(store, LocalDate.of(2020, 6, 4), AS_OF).tables().get(0);

        assertThat(t.status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(t.error()).contains("disk full (injected)");
        assertThat(t.slices()).extracting(s -> s.slice().start().toString())
                .containsExactly("2020-06-01", "2020-06-02", "2020-06-03");
        assertThat(store.checkpoint(T)).isEqualTo(LocalDate.of(2020, 6, 3));
        assertThat(t.checkpointAfter()).isEqualTo(LocalDate.of(2020, 6, 3));
        assertThat(t.notes()).noneMatch(n -> n.startsWith("Updated the checkpoint"))
                .contains("checkpoint moved to the last committed slice, from: none to: 2020-06-03; the table failed "
                        + "after it, so no later slice is covered");
        assertThat(TestPostgres.count(ds, "SELECT count(*) FROM s.t")).isEqualTo(70);
    }

    @Test
    void aTableThatCommitsNothingKeepsItsCheckpointAndSaysSo() throws Exception {
        MemoryRuleStore store = new MemoryRuleStore(rule(Mode.UNLOAD_AND_DELETE).withCheckpoint(LocalDate.of(2020, 5, 1)));
        TableReport t = run(store, LocalDate.of(2020, 6, 1), AS_OF).tables().get(0);

        assertThat(t.status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(t.slices()).isEmpty();
        assertThat(store.checkpoint(T)).isEqualTo(LocalDate.of(2020, 5, 1));
        assertThat(t.checkpointAfter()).isEqualTo(t.checkpointBefore());
        assertThat(t.notes()).containsExactly("checkpoint unchanged (2020-05-01): nothing was committed");
    }

    @Test
    void aSucceedingTableSaysItInTheOriginalsWords() throws Exception {
        MemoryRuleStore store = new MemoryRuleStore(rule(Mode.UNLOAD_AND_DELETE));
        TableReport t = run(store, null, AS_OF).tables().get(0);
        assertThat(t.status()).isEqualTo(TableReport.Status.OK);
        assertThat(t.notes()).contains("Updated the checkpoint from:  to: 2020-06-10");
    }

    /** A store that keeps nothing, as a CSV without --write-checkpoints. */
    static final class Unwritten implements RuleStore {
        final MemoryRuleStore rules;

        Unwritten(Rule rule) {
            rules = new MemoryRuleStore(rule);
        }

        @Override
        public String name() {
            return "rules.csv";
        }

        @Override
        public RuleSet load() {
            return rules.load();
        }

        @Override
        public boolean compareAndSetCheckpoint(TableName table, LocalDate expected, LocalDate next) {
            return true;
        }

        @Override
        public boolean storesCheckpoints() {
            return false;
        }
    }

    @Test
    void withoutStoredCheckpointsUnloadOnlyResumesFromTheJournalArchivingNoRowTwiceAndSkippingNoSlice()
            throws Exception {
        Unwritten store = new Unwritten(rule(Mode.UNLOAD_ONLY));

        TableReport failed = run(store, LocalDate.of(2020, 6, 5), AS_OF).tables().get(0);
        assertThat(failed.status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(failed.slices()).hasSize(4);
        assertThat(failed.checkpointBefore()).isNull();
        assertThat(failed.checkpointAfter()).isEqualTo(LocalDate.of(2020, 6, 4));
        assertThat(failed.notes()).contains("checkpoint 2020-06-04 (the last committed slice) is kept in the journal; "
                + "rules.csv is not changed (write it there with --write-checkpoints)");
        assertThat(store.rules.checkpoint(T)).as("the store still has none").isNull();

        TableReport rest = run(store, null, AS_OF).tables().get(0);
        assertThat(rest.status()).isEqualTo(TableReport.Status.OK);
        assertThat(rest.slices()).extracting(s -> s.slice().start().toString())
                .containsExactly("2020-06-05", "2020-06-06", "2020-06-07", "2020-06-08", "2020-06-09", "2020-06-10");
        assertThat(rest.checkpointAfter()).isEqualTo(LocalDate.of(2020, 6, 10));

        insert(1000, LocalDate.of(2020, 6, 11), 3); // three more days, due a day later each
        TableReport later = run(store, null, AS_OF.plusDays(3)).tables().get(0);
        assertThat(later.checkpointBefore()).as("still nothing in the store").isNull();
        assertThat(later.slices()).extracting(s -> s.slice().start().toString())
                .containsExactly("2020-06-11", "2020-06-12", "2020-06-13");

        List<String> archived = ArchiveRows.text(tmp.resolve("t"));
        assertThat(archived).hasSize(130).doesNotHaveDuplicates();
        assertThat(TestPostgres.count(ds, "SELECT count(*) FROM s.t")).as("unload only: nothing deleted")
                .isEqualTo(130);
    }
}
