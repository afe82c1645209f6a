package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.PlanOptions;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import io.rslc.cli.standin.RedshiftStandIn;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.store.CsvRuleStore;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Redshift path end to end through the REAL Redshift JDBC driver (pgbouncer in front of PostgreSQL, UNLOAD
 * and Redshift-only maintenance emulated by the test-only stand-in, files in s3proxy).
 */
class RedshiftIT {

    static final LocalDate AS_OF = LocalDate.of(2020, 6, 20);

    @TempDir
    Path tmp;

    RedshiftStandIn standIn;
    RedshiftStandIn.Urls urls;
    Path statements;
    String prefix;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) throws Exception {
        standIn = RedshiftStandIn.start();
        urls = standIn.newDatabase();
        statements = tmp.resolve("statements.log");
        System.setProperty("rslc.standin.log", statements.toString());
        prefix = "tables/" + info.getTestMethod().orElseThrow().getName() + "/";
        TestDatabase.exec(urls.postgres(), "CREATE SCHEMA s",
                "CREATE TABLE s.t (id BIGINT, d DATE, note TEXT)",
                "INSERT INTO s.t SELECT g, DATE '2020-06-01' + (g % 19), 'row ''' || g || ' \\ x' FROM generate_series(1, 1900) g");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("rslc.standin.log");
        System.clearProperty("rslc.standin.loseRows");
    }

    Path config(String format, int flag, String extraHeader, String extraValues) throws Exception {
        Path csv = tmp.resolve("rules.csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + extraHeader + "\n"
                + "s,t,d,daily,10,s3://" + RedshiftStandIn.BUCKET + "/" + prefix + "t," + format
                + ",,,,,,,,,,,10," + flag + "," + (extraValues.isEmpty() ? "" : "," + extraValues) + "\n"
                + "s,missing,d,daily,10,,,,,,,,,,,,,20,1,"
                + (extraValues.isEmpty() ? "" : "," + extraValues.replaceAll("[^,]", "")) + "\n");
        return csv;
    }

    Rslc rslc(Path config) {
        return rslc(config, io.rslc.internal.exec.ExecutorSettings.DEFAULT_BATCH_ROWS);
    }

    /** {@code batchRows} 0: one slice per transaction. */
    Rslc rslc(Path config, long batchRows) {
        return Rslc.configure().batchRows(batchRows).dataSource(new JdbcDataSource(urls.redshift(), "postgres", ""))
                .warehouse(new RedshiftWarehouse("arn:aws:iam::123456789012:role/unload", "us-east-1", "rslc", 5,
                        Duration.ofMillis(50)))
                .ruleStore(CsvRuleStore.withCheckpoints(config)).load();
    }

    static PlanOptions options() {
        return new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of());
    }

    /** Ids in the archive's text data files under the test's prefix, with duplicates. */
    List<Long> archivedIds() {
        List<Long> ids = new ArrayList<>();
        for (S3Object o : standIn.s3().listObjectsV2Paginator(b -> b.bucket(RedshiftStandIn.BUCKET).prefix(prefix)).contents()) {
            if (o.key().contains("_part_")) {
                String text = standIn.s3().getObject(b -> b.bucket(RedshiftStandIn.BUCKET).key(o.key()),
                        ResponseTransformer.toBytes()).asString(StandardCharsets.UTF_8);
                text.lines().forEach(l -> ids.add(Long.parseLong(l.substring(0, l.indexOf('|')))));
            }
        }
        return ids;
    }

    @Test
    void unloadAndDeleteThroughTheRedshiftDriver() throws Exception {
        Path config = config("", 2, "", "");
        RunReport report = rslc(config, 0).run(options());

        Map<String, TableReport> byTable = new TreeMap<>();
        report.tables().forEach(t -> byTable.put(t.rule().table().table(), t));
        TableReport t = byTable.get("t");
        assertThat(t.status()).as(String.valueOf(t.error())).isEqualTo(TableReport.Status.OK);
        assertThat(t.slices()).hasSize(9);
        assertThat(t.rowsArchived()).isEqualTo(900).isEqualTo(t.rowsDeleted());
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t WHERE d < DATE '2020-06-10'")).isZero();
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t")).isEqualTo(1000);
        assertThat(archivedIds()).hasSize(900).doesNotHaveDuplicates().allMatch(id -> id % 19 < 9);
        assertThat(byTable.get("missing").error()).contains("table s.missing does not exist");
        assertThat(Files.readString(config)).contains(",10,2,2020-06-09");

        List<String> sent = Files.readAllLines(statements);
        assertThat(sent).filteredOn(s -> s.startsWith("UNLOAD")).hasSize(9).first().asString()
                .contains("TO 's3://archive/" + prefix + "t/rslc_slice=2020-06-01/rslc_gen=1/'")
                .contains("IAM_ROLE 'arn:aws:iam::123456789012:role/unload'")
                .contains("CLEANPATH").contains("REGION 'us-east-1'");
        assertThat(sent).contains("VACUUM DELETE ONLY \"s\".\"t\"", "ANALYZE \"s\".\"t\" PREDICATE COLUMNS");
        assertThat(t.notes()).anyMatch(n -> n.startsWith("maintenance: svv_table_info: unsorted 0.0 %")
                && n.contains("deleted 47.4 %"));

        RunReport again = rslc(config).run(options());
        assertThat(again.tables().get(0).slices()).isEmpty();
        TestDatabase.exec(urls.postgres(), "INSERT INTO s.t VALUES (5000, DATE '2020-06-03', 'late')");
        RunReport late = rslc(config).run(options());
        assertThat(late.tables().get(0).slices()).as(late.tables().get(0).status() + " " + late.tables().get(0).error()
                + " " + late.tables().get(0).notes()).singleElement().satisfies(s -> assertThat(s.generation()).isEqualTo(2));
        assertThat(archivedIds()).hasSize(901).contains(5000L);
    }

    @Test
    void aBatchIsOneUnloadPartitionedBySliceAndOneDeleteWithEverySliceJournaled() throws Exception {
        Path config = config("", 2, "", "");
        List<String> recorded = standIn.record();
        RunReport report;
        try {
            report = rslc(config).run(options());
        } finally {
            standIn.stopRecording();
        }
        TableReport t = report.tables().get(0);
        assertThat(t.status()).as(String.valueOf(t.error())).isEqualTo(TableReport.Status.OK);
        assertThat(t.slices()).hasSize(9).allSatisfy(s -> {
            assertThat(s.archive()).isEqualTo("s3://archive/" + prefix + "t/rslc_batch=2020-06-01_g1/rslc_slice="
                    + s.slice().key() + "/rslc_gen=1/");
            assertThat(s.rowsArchived()).isEqualTo(100).isEqualTo(s.rowsDeleted());
        });
        assertThat(archivedIds()).hasSize(900).doesNotHaveDuplicates().allMatch(id -> id % 19 < 9);
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t")).isEqualTo(1000);
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM rslc.slice_journal")).isEqualTo(9);
        List<String> unloads = recorded.stream().filter(s -> s.startsWith("UNLOAD")).toList();
        assertThat(unloads).singleElement().asString()
                .contains("TO 's3://archive/" + prefix + "t/rslc_batch=2020-06-01_g1/'")
                .contains("PARTITION BY (\"rslc_slice\", \"rslc_gen\")").doesNotContain("INCLUDE")
                .contains("CLEANPATH").contains("MANIFEST VERBOSE");
        assertThat(recorded).filteredOn(s -> s.startsWith("DELETE FROM \"s\"")).singleElement().asString()
                .contains("\"d\" >= DATE '2020-06-01' AND \"d\" < DATE '2020-06-10'");
        // one manifest for the batch, none in the slice folders; every slice folder holds only its own rows
        List<String> keys = standIn.s3().listObjectsV2Paginator(b -> b.bucket(RedshiftStandIn.BUCKET).prefix(prefix))
                .contents().stream().map(S3Object::key).toList();
        assertThat(keys).filteredOn(k -> k.endsWith("/manifest"))
                .containsExactly(prefix + "t/rslc_batch=2020-06-01_g1/manifest");
        assertThat(keys).filteredOn(k -> k.contains("_part_"))
                .allMatch(k -> k.matches(".*/rslc_batch=2020-06-01_g1/rslc_slice=2020-06-0\\d/rslc_gen=1/[^/]+"));
    }

    @Test
    void rowsArrivingInAnUnplannedDayOfABatchRunItsSlicesOneByOne() throws Exception {
        TestDatabase.exec(urls.postgres(), "DELETE FROM s.t WHERE d = DATE '2020-06-05'");
        Path config = config("", 2, "", "");
        boolean[] inserted = {false};
        Rslc rslc = Rslc.configure().dataSource(new JdbcDataSource(urls.redshift(), "postgres", ""))
                .warehouse(new RedshiftWarehouse("arn:aws:iam::123456789012:role/unload", "us-east-1", "rslc", 5,
                        Duration.ofMillis(50)))
                .ruleStore(CsvRuleStore.withCheckpoints(config))
                .listener(new io.rslc.api.RunListener() {
                    @Override
                    public void sliceStarted(io.rslc.api.TablePlan plan, io.rslc.api.SlicePlan slice) {
                        if (!inserted[0] && plan.rule().table().table().equals("t")) {
                            inserted[0] = true; // after planning, before the batch's UNLOAD: a day it did not plan
                            try {
                                TestDatabase.exec(urls.postgres(),
                                        "INSERT INTO s.t VALUES (7000, DATE '2020-06-05', 'after planning')");
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }).load();
        RunReport report = rslc.run(options());
        TableReport t = report.tables().get(0);
        assertThat(t.status()).as(String.valueOf(t.error())).isEqualTo(TableReport.Status.OK);
        assertThat(t.notes()).anyMatch(n -> n.contains("rows changed since planning (slice 2020-06-05 got rows "
                + "after planning); ran its 8 slice(s) one per transaction"));
        assertThat(t.slices()).hasSize(8).allSatisfy(s -> assertThat(s.archive())
                .isEqualTo("s3://archive/" + prefix + "t/rslc_slice=" + s.slice().key() + "/rslc_gen=1/"));
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t WHERE d < DATE '2020-06-10'"))
                .as("the late row waits for the next run").isEqualTo(1);
        RunReport next = rslc(config).run(options());
        assertThat(next.tables().get(0).slices()).singleElement().satisfies(s -> {
            assertThat(s.slice().key()).isEqualTo("2020-06-05");
            assertThat(s.rowsArchived()).isEqualTo(1);
        });
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t WHERE d < DATE '2020-06-10'")).isZero();
    }

    @Test
    void anUnloadCountMismatchRollsBackAndDeletesNothing() throws Exception {
        System.setProperty("rslc.standin.loseRows", "1");
        RunReport report = rslc(config("", 2, "", ""), 0).run(options());
        TableReport t = report.tables().get(0);
        assertThat(t.status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(t.error()).contains("archived 99 row(s) but the DELETE removed 100; rolled back, nothing deleted");
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t")).isEqualTo(1900);
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM rslc.slice_journal")).isZero();
    }

    @Test
    void aBatchWhoseUnloadCountDisagreesWithItsSlicesRollsBackAndDeletesNothing() throws Exception {
        System.setProperty("rslc.standin.loseRows", "1");
        RunReport report = rslc(config("", 2, "", "")).run(options());
        TableReport t = report.tables().get(0);
        assertThat(t.status()).isEqualTo(TableReport.Status.FAILED);
        assertThat(t.error()).contains("slices [2020-06-01, 2020-06-10): UNLOAD wrote 899 row(s) but the slices "
                + "hold 900; rolled back, nothing deleted");
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t")).isEqualTo(1900);
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM rslc.slice_journal")).isZero();
    }

    @Test
    void unloadOnlyParquetRunsNoMaintenanceAndThresholdsComeFromExtraColumns() throws Exception {
        RunReport report = rslc(config("PARQUET", 0, "", "")).run(options());
        assertThat(report.tables().get(0).rowsArchived()).isEqualTo(900);
        assertThat(TestDatabase.count(urls.postgres(), "SELECT count(*) FROM s.t")).isEqualTo(1900);
        assertThat(Files.readAllLines(statements)).noneMatch(s -> s.startsWith("VACUUM") || s.startsWith("ANALYZE"));

        TestDatabase.exec(urls.postgres(), "DROP TABLE rslc.slice_journal");
        Path high = config("", 1, ",vacuum_mode,vacuum_deleted_pct,analyze_mode", "full,90,off");
        RunReport deleted = rslc(high).run(options());
        assertThat(deleted.tables().get(0).rowsDeleted()).as(String.valueOf(deleted.tables().get(0).error())).isEqualTo(900);
        assertThat(deleted.tables().get(0).maintenance()).isEmpty();
        assertThat(deleted.tables().get(0).notes()).anyMatch(n -> n.endsWith("-> nothing to do"));
    }

    @Test
    void theMaintenancePolicyLeavesItToRedshiftOrRunsItWhateverTheThresholds() throws Exception {
        Path auto = config("", 1, ",maintenance", "auto");
        RunReport left = rslc(auto).run(options());
        assertThat(left.tables().get(0).rowsDeleted()).isEqualTo(900);
        assertThat(left.tables().get(0).maintenance()).isEmpty();
        assertThat(left.tables().get(0).notes()).anyMatch(n -> n.contains("maintenance=auto: left to Redshift"));
        assertThat(Files.exists(statements) ? Files.readAllLines(statements) : List.<String>of())
                .noneMatch(s -> s.startsWith("VACUUM") || s.startsWith("ANALYZE"));

        TestDatabase.exec(urls.postgres(), "DROP TABLE rslc.slice_journal",
                "INSERT INTO s.t SELECT g, DATE '2020-06-01', 'late' FROM generate_series(5001, 5010) g");
        Path full = config("", 1, ",maintenance,vacuum_deleted_pct,vacuum_unsorted_pct,analyze_stats_off_pct",
                "full,100,100,100");
        RunReport always = rslc(full).run(options());
        assertThat(always.tables().get(0).maintenance()).as("full ignores thresholds no table can reach")
                .containsExactly("VACUUM DELETE ONLY \"s\".\"t\"", "ANALYZE \"s\".\"t\" PREDICATE COLUMNS");
    }

    @Test
    void aBusyVacuumIsWaitedFor() throws Exception {
        System.setProperty("rslc.standin.vacuumBusy", "2");
        try {
            RunReport report = rslc(config("", 1, "", "")).run(options());
            assertThat(report.tables().get(0).maintenance()).contains("VACUUM DELETE ONLY \"s\".\"t\"");
            assertThat(Files.readAllLines(statements)).filteredOn(s -> s.startsWith("VACUUM")).hasSize(3);
        } finally {
            System.clearProperty("rslc.standin.vacuumBusy");
        }
    }

    @Test
    void theRunLockRowKeepsASecondWorkerOutUntilTheHolderSessionEnds() throws Exception {
        RedshiftWarehouse w = new RedshiftWarehouse(null, null);
        JdbcDataSource ds = new JdbcDataSource(urls.redshift(), "postgres", "");
        TestDatabase.exec(urls.postgres(), "CREATE SCHEMA IF NOT EXISTS rslc");
        try (var holder = ds.getConnection(); var other = ds.getConnection()) {
            var lock = w.tryLock(holder, new io.rslc.api.TableName("s", "t"));
            assertThat(lock).isNotNull();
            assertThat(w.tryLock(other, new io.rslc.api.TableName("s", "t"))).isNull();
            assertThat(w.tryLock(other, new io.rslc.api.TableName("s", "u"))).isNotNull();
            // the holder's session ends without releasing the lock (a crash); behind pgbouncer a closed client
            // leaves its server session alive, so end that session the way a dying client ends it on Redshift
            long pid;
            try (var st = holder.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            TestDatabase.exec(urls.postgres(), "SELECT pg_terminate_backend(" + pid + ")");
            Thread.sleep(200);
            assertThat(w.tryLock(other, new io.rslc.api.TableName("s", "t"))).as("taken over").isNotNull();
        }
    }

    @Test
    void badTablesFailAloneOnTheRedshiftPathToo() throws Exception {
        TestDatabase.exec(urls.postgres(), "CREATE TABLE s.textcol (id BIGINT, d VARCHAR(10))",
                "CREATE TABLE s.u (id BIGINT, d DATE)");
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "s,missing,d,daily,10,,,,,,,,,,,,,1,1,\n"
                + "s,u,nope,daily,10,,,,,,,,,,,,,2,1,\n"
                + "s,textcol,d,daily,10,,,,,,,,,,,,,3,1,\n"
                + "s,t,d,daily,10,s3://" + RedshiftStandIn.BUCKET + "/" + prefix + "ok,,,,,,,,,,,,4,2,\n");
        RunReport report = rslc(csv).run(options());
        assertThat(report.tables()).extracting(TableReport::status).containsExactly(TableReport.Status.FAILED,
                TableReport.Status.FAILED, TableReport.Status.FAILED, TableReport.Status.OK);
        assertThat(report.tables()).extracting(TableReport::error).containsExactly(
                "table s.missing does not exist (or the rslc user cannot see it); check " + csv + " line 2",
                "column nope does not exist in s.u; check column_name in " + csv + " line 3",
                "column d of s.textcol is character varying, not a date or timestamp; check column_name in " + csv
                        + " line 4",
                null);
        assertThat(report.tables().get(3).rowsDeleted()).isEqualTo(900);
    }
}
