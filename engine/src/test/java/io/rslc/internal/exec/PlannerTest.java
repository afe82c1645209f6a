package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.PlannedStatement;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.api.TablePlan;
import io.rslc.internal.config.CsvRuleFormat;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);

    static RuleSet sample() throws Exception {
        return CsvRuleFormat.read("sample", Files.readAllBytes(Path.of("../sample/test_configuration.csv")));
    }

    static RuleSet withCheckpoint(String checkpoint) throws Exception {
        String csv = new String(Files.readAllBytes(Path.of("../sample/test_configuration.csv")), "UTF-8")
                .replace("ret_test_4,PARQUET,load_date,,,,,,,1 gb,,us-east-1,10,2,",
                        "ret_test_4,PARQUET,load_date,,,,,,,1 gb,,us-east-1,10,2," + checkpoint)
                .replace("ret_test_1,PARQUET,load_date,,,,,,,1 gb,,,10,2,",
                        "ret_test_1,PARQUET,load_date,,,,,,,1 gb,,,10,0,2020-03-18");
        return CsvRuleFormat.read("sample", csv.getBytes("UTF-8"));
    }

    @Test
    void sampleCutoffsAsInTheReadme() throws Exception {
        Plan plan = new Planner(new RedshiftWarehouse(null, null)).plan(sample(),
                new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of()));
        assertThat(plan.clean()).isTrue();
        assertThat(plan.tables()).extracting(t -> t.cutoff().date().toString())
                .containsExactly("2020-03-22", "2020-03-22", "2020-03-22", "2020-03-01");
        TablePlan t1 = plan.tables().get(0);
        assertThat(t1.slices()).singleElement().satisfies(s -> assertThat(s.slice().isOpen()).isTrue());
        assertThat(t1.transactions()).singleElement().satisfies(tx -> {
            assertThat(tx.statements()).extracting(PlannedStatement::role).containsExactly(
                    PlannedStatement.Role.ARCHIVE, PlannedStatement.Role.VERIFY, PlannedStatement.Role.DELETE);
            assertThat(tx.sql().get(0)).startsWith("UNLOAD (");
            assertThat(tx.sql().get(1)).isEqualTo("SELECT pg_last_unload_count()");
            assertThat(tx.sql().get(2)).isEqualTo(
                    "DELETE FROM \"test\".\"ret_test_1\" WHERE \"load_date\" < DATE '2020-03-22'");
        });
        assertThat(t1.maintenance()).hasSize(2);
    }

    /** Where a live plan resumes: the journal is the truth, a table without journal entries keeps its checkpoint. */
    @Test
    void resumesAfterTheJournalUnlessTheTableHasNone() throws Exception {
        io.rslc.api.Rule unloadOnly = withCheckpoint("").rules().stream()
                .filter(r -> r.table().table().equals("ret_test_1")).findFirst().orElseThrow(); // flag 0, 2020-03-18
        assertThat(unloadOnly.mode()).isEqualTo(io.rslc.api.Mode.UNLOAD_ONLY);
        LocalDate checkpoint = LocalDate.of(2020, 3, 18);
        java.util.List<io.rslc.api.Problem> warnings = new java.util.ArrayList<>();
        assertThat(Planner.resumed(unloadOnly, null, warnings).checkpoint()).as("migration: no journal entry")
                .isEqualTo(checkpoint);
        assertThat(Planner.resumed(unloadOnly, LocalDate.of(2020, 3, 19), warnings).checkpoint())
                .as("journal ahead: a commit whose checkpoint write was lost").isEqualTo(LocalDate.of(2020, 3, 19));
        assertThat(Planner.resumed(unloadOnly, checkpoint, warnings).checkpoint()).isEqualTo(checkpoint);
        assertThat(warnings).isEmpty();
        assertThat(Planner.resumed(unloadOnly, LocalDate.of(2020, 3, 10), warnings).checkpoint())
                .as("journal behind: lost commits are archived again").isEqualTo(LocalDate.of(2020, 3, 10));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.message())
                .startsWith("is 2020-03-18, ahead of the journal's newest committed slice 2020-03-10"));
        io.rslc.api.Rule deletes = withCheckpoint("2020-03-18").rules().stream()
                .filter(r -> r.table().table().equals("ret_test_4")).findFirst().orElseThrow(); // flag 2
        assertThat(Planner.resumed(deletes, LocalDate.of(2020, 1, 1), warnings).checkpoint())
                .as("delete modes scan below the cutoff anyway").isEqualTo(deletes.checkpoint());
        assertThat(warnings).hasSize(1);
    }

    @Test
    void checkpointResumesAfterItsSlice() throws Exception {
        Plan plan = new Planner(new RedshiftWarehouse(null, null)).plan(withCheckpoint("2020-01-01"),
                new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of()));
        TablePlan monthly = plan.tables().get(3);
        assertThat(monthly.slices()).extracting(s -> s.slice().key()).containsExactly("2020-02");
        TablePlan unloadOnly = plan.tables().get(0);
        assertThat(unloadOnly.slices()).extracting(s -> s.slice().key())
                .containsExactly("2020-03-19", "2020-03-20", "2020-03-21");
        assertThat(unloadOnly.maintenance()).isEmpty();
        assertThat(unloadOnly.transactions()).allSatisfy(tx -> assertThat(tx.statements())
                .extracting(PlannedStatement::role)
                .containsExactly(PlannedStatement.Role.ARCHIVE, PlannedStatement.Role.VERIFY));
    }

    @Test
    void checkpointAtTheCutoffMeansNothingDue() throws Exception {
        Plan plan = new Planner(new RedshiftWarehouse(null, null)).plan(withCheckpoint("2020-02-01"),
                new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of()));
        TablePlan monthly = plan.tables().get(3);
        assertThat(monthly.slices()).isEmpty();
        assertThat(monthly.maintenance()).isEmpty();
        assertThat(monthly.note()).startsWith("nothing due");
    }

    @Test
    void sinceOverridesTheCheckpointAndOnlyFilters() throws Exception {
        Plan plan = new Planner(PostgresWarehouse.localArchives()).plan(sample(), new PlanOptions(AS_OF, ZoneOffset.UTC,
                LocalDate.of(2020, 3, 1), Set.of(new TableName("test", "ret_test_2"))));
        assertThat(plan.tables()).singleElement().satisfies(t -> {
            assertThat(t.slices()).hasSize(21);
            assertThat(t.slices().get(0).slice().start()).isEqualTo(LocalDate.of(2020, 3, 1));
            assertThat(t.slices().get(20).slice().end()).isEqualTo(LocalDate.of(2020, 3, 22));
            // offline: one transaction per slice, in the batched form a run takes (one COPY, one DELETE)
            assertThat(t.transactions()).hasSize(21).allSatisfy(tx -> {
                assertThat(tx.sql()).last().asString().startsWith("DELETE FROM \"test\".\"ret_test_2\"");
                assertThat(tx.statement(PlannedStatement.Role.ARCHIVE).sql()).startsWith("COPY (SELECT ");
            });
            assertThat(t.note()).contains("--batch-rows");
        });
        assertThat(plan.warehouse()).isEqualTo("postgresql");
    }

    @Test
    void aRuleThatCannotRunOnTheWarehouseFailsAloneAndOnlyErrorsForUnknownTables() throws Exception {
        String csv = new String(Files.readAllBytes(Path.of("../sample/test_configuration.csv")), "UTF-8")
                .replace("s3://redshift-data-test-vikas/ret_test_2", "/tmp/local/archive");
        RuleSet rules = CsvRuleFormat.read("sample", csv.getBytes("UTF-8"));
        Plan plan = new Planner(new RedshiftWarehouse(null, null)).plan(rules, new PlanOptions(AS_OF, ZoneOffset.UTC, null,
                Set.of()));
        assertThat(plan.tables()).extracting(TablePlan::failed).containsExactly(false, true, false, false);
        assertThat(plan.tables().get(1).error()).contains("sample line 3, s3_path: must be an s3:// folder to UNLOAD from Redshift");
        Plan only = new Planner(new RedshiftWarehouse(null, null)).plan(rules, new PlanOptions(AS_OF, ZoneOffset.UTC, null,
                Set.of(new TableName("x", "y"))));
        assertThat(only.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("x.y"));
    }
}
