package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.Plan;
import io.rslc.api.PlanOptions;
import io.rslc.api.PlannedStatement;
import io.rslc.api.RunReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TransactionPlan;
import io.rslc.cli.standin.RedshiftStandIn;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.store.CsvRuleStore;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan is what runs, on the Redshift path: {@code dryRun} and then {@code run} through the REAL Redshift JDBC
 * driver, and the statements the stand-in received from the client during the run (before it rewrites any) are
 * exactly the dry run's transactions' statements and maintenance, in order. Removed from the run's list: every
 * statement the dry run itself sent (planning reads, session setup), the journal's and run lock's bookkeeping in
 * the {@code rslc} schema and the lock holder's session check ({@code stv_sessions}), the {@code svv_table_info}
 * read that decides whether maintenance is needed, and transaction control.
 * PostgreSQL's counterpart is {@code io.rslc.internal.exec.PlanIsWhatRunsIT} in the engine.
 */
class RedshiftPlanIsWhatRunsIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);

    @TempDir
    Path tmp;

    RedshiftStandIn standIn;

    @AfterEach
    void stop() {
        if (standIn != null) {
            standIn.stopRecording();
        }
    }

    @Test
    void textUnloadsSendExactlyTheDryRunsStatements() throws Exception {
        check("", "text", 0);
    }

    @Test
    void parquetUnloadsSendExactlyTheDryRunsStatements() throws Exception {
        check("PARQUET", "parquet", 0);
    }

    @Test
    void aBatchSendsExactlyTheDryRunsStatements() throws Exception {
        check("PARQUET", "batch", io.rslc.internal.exec.ExecutorSettings.DEFAULT_BATCH_ROWS);
    }

    /** {@code batchRows} 0: one slice per transaction; else one batch of all 9 slices. */
    void check(String format, String prefix, long batchRows) throws Exception {
        standIn = RedshiftStandIn.start();
        RedshiftStandIn.Urls urls = standIn.newDatabase();
        TestDatabase.exec(urls.postgres(), "CREATE SCHEMA s",
                "CREATE TABLE s.\"Sales \"\"EU\"\"\" (id BIGINT, d DATE, note TEXT)",
                "INSERT INTO s.\"Sales \"\"EU\"\"\" SELECT g, DATE '2020-06-01' + (g % 19), 'row ''' || g || ' \\ x'"
                        + " FROM generate_series(1, 1900) g");
        Path csv = tmp.resolve("rules.csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,\"Sales \"\"EU\"\"\",d,daily,10,s3://" + RedshiftStandIn.BUCKET + "/what-runs/" + prefix + ","
                + format + ",,,,,,,,,,,10,2,\n");
        Rslc rslc = Rslc.configure().dataSource(new JdbcDataSource(urls.redshift(), "postgres", ""))
                .warehouse(new RedshiftWarehouse("arn:aws:iam::123456789012:role/unload", "us-east-1", "rslc", 5,
                        Duration.ofMillis(50)))
                .ruleStore(CsvRuleStore.of(csv)).batchRows(batchRows).load();
        PlanOptions options = new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of());

        List<String> dryRunSent = standIn.record();
        Plan plan = rslc.dryRun(options);
        List<String> runSent = standIn.record();
        RunReport report = rslc.run(options);
        standIn.stopRecording();

        assertThat(report.succeeded()).as(String.valueOf(report)).isTrue();
        TablePlan table = plan.tables().get(0);
        assertThat(table.error()).isNull();
        if (batchRows == 0) {
            assertThat(table.transactions()).hasSize(9).allSatisfy(t -> {
                assertThat(t.slices()).hasSize(1);
                assertThat(t.statements()).extracting(PlannedStatement::role).containsExactly(
                        PlannedStatement.Role.ARCHIVE, PlannedStatement.Role.VERIFY, PlannedStatement.Role.DELETE);
            });
        } else {
            assertThat(table.transactions()).singleElement().satisfies(t -> {
                assertThat(t.slices()).hasSize(9);
                assertThat(t.statements()).extracting(PlannedStatement::role).containsExactly(
                        PlannedStatement.Role.ARCHIVE, PlannedStatement.Role.VERIFY, PlannedStatement.Role.VERIFY,
                        PlannedStatement.Role.DELETE);
            });
        }
        assertThat(report.rowsDeleted()).isEqualTo(table.rows()).isEqualTo(900);
        List<String> planned = new ArrayList<>();
        table.transactions().forEach(t -> planned.addAll(t.sql()));
        planned.addAll(table.maintenance());

        List<String> fromPlan;
        synchronized (runSent) {
            fromPlan = runSent.stream()
                    .filter(s -> !dryRunSent.contains(s))
                    .filter(s -> !s.contains("\"rslc\"") && !s.contains("stv_sessions") && !s.contains("svv_table_info"))
                    .filter(s -> !Set.of("BEGIN", "COMMIT", "ROLLBACK").contains(s.strip()))
                    .toList();
        }
        assertThat(fromPlan).containsExactlyElementsOf(planned);
        assertThat(dryRunSent).doesNotContainAnyElementsOf(planned);
        TransactionPlan first = table.transactions().get(0);
        if (batchRows == 0) {
            assertThat(first.sql().get(0)).startsWith("UNLOAD ('SELECT * FROM \"s\".\"Sales \"\"EU\"\"\"")
                    .contains("/what-runs/" + prefix + "/rslc_slice=2020-06-01/rslc_gen=1/");
        } else {
            assertThat(first.sql().get(0)).startsWith("UNLOAD ('SELECT *, TO_CHAR(")
                    .contains("TO 's3://archive/what-runs/" + prefix + "/rslc_batch=2020-06-01_g1/'")
                    .contains("PARTITION BY (\"rslc_slice\", \"rslc_gen\")");
        }
        assertThat(table.maintenance()).contains("VACUUM DELETE ONLY \"s\".\"Sales \"\"EU\"\"\"");
    }
}
