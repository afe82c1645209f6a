package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.aws.DynamoDbLocal;
import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scenario 6 of the campaign: a DynamoDB configuration (DynamoDB Local) with its checkpoints and table leases,
 * under the failures of its conditional writes: a worker stalled (SIGSTOP) past its lease while another takes
 * the table over, a checkpoint moved by another writer during a run, and four workers sharing one configuration
 * under lease churn (a worker stalled, one SIGKILLed). Rows are checked by id as in every instance.
 */
@Tag("campaign")
class LeaseCampaignIT {

    /**
     * Worker A holds s.t's lease (2 s) and its run lock; its DELETE waits on a row the test holds; A is SIGSTOPped
     * past the lease's expiry. Worker B takes the lease and finds the table busy (A's session keeps the run lock).
     * The row is released and A continued: it finishes the transaction it was in, fails to renew the lease,
     * says so and starts no other slice. A re-run completes; every row once.
     */
    @Test
    void aWorkerStalledPastItsLeaseStopsAfterItsTransaction() throws Exception {
        Assumptions.assumeTrue(Campaign.selected(true, "lease-lost-while-stalled"));
        Path dir = Campaign.dir("lease", "lease-lost-while-stalled");
        Target target = Target.postgres();
        try {
            Subject s = Subject.standard(target, dir, Mode.BOTH, Format.CSV, dir.resolve("archive").toString(), 100)
                    .create();
            String config = dynamoConfig(dir, s, 2);
            Rslc.Launch a = KillCampaignIT.launch(dir.resolve("worker-a"), target);
            Process pa;
            long atStop;
            try (Connection held = holdRowOf(target, s, FaultCampaignIT.HELD_DAY)) {
                pa = a.start(args(config, target));
                awaitLockWait(target, pa);
                atStop = target.journalRows();
                signal("STOP", pa);
                Thread.sleep(4_000); // the 2 s lease expires
                Rslc.Result b = Rslc.inProcess(dir, "worker-b", args(config, target));
                assertThat(b.exit()).as(b.all()).isZero();
                assertThat(b.all()).as("B took the expired lease; A's session still holds the run lock")
                        .contains("busy: another rslc process is working on s.t");
                held.rollback();
            }
            signal("CONT", pa);
            int exit = Rslc.await(pa, 120);
            String out = Rslc.read(a.dir.resolve("out.txt")) + Rslc.read(a.dir.resolve("err.txt"));
            assertThat(exit).as(out).isEqualTo(1);
            assertThat(out).contains("lease lost: the lease of s.t");
            assertThat(target.journalRows()).as("A committed at most the transaction it was in")
                    .isLessThanOrEqualTo(atStop + 1);
            Check.Counts mid = Check.rows(s, false, false);
            Rslc.Result rerun = Rslc.inProcess(dir, "rerun", args(config, target));
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            s.writeRule(checkpoint(config));
            Check.Counts counts = Check.rows(s, true);
            Campaign.record("DynamoDB lease lost while the worker was stopped (SIGSTOP), another took it over", 1,
                    counts.plus(new Check.Counts(0, mid.lost(), mid.doubled())),
                    "other worker busy; stalled worker exit 1 (lease lost) after its transaction; re-run exit 0");
        } finally {
            target.drop();
        }
    }

    /**
     * The checkpoint in DynamoDB is moved by another writer while a run works: the run's compare-and-set fails,
     * is noted and overwrites nothing; the next run reconciles it from the journal.
     */
    @Test
    void aCheckpointMovedByAnotherWriterIsNotOverwritten() throws Exception {
        Assumptions.assumeTrue(Campaign.selected(false, "checkpoint-moved-by-another-writer"));
        Path dir = Campaign.dir("lease", "checkpoint-moved-by-another-writer");
        Target target = Target.postgres();
        try {
            Subject s = Subject.standard(target, dir, Mode.BOTH, Format.PARQUET, dir.resolve("archive").toString(), 100)
                    .create();
            String config = dynamoConfig(dir, s, 600);
            Rslc.Launch a = KillCampaignIT.launch(dir.resolve("run"), target);
            Process p;
            try (Connection held = holdRowOf(target, s, FaultCampaignIT.HELD_DAY)) {
                p = a.start(args(config, target));
                awaitLockWait(target, p);
                setCheckpoint(config, "2020-06-02");
                held.rollback();
            }
            int exit = Rslc.await(p, 120);
            String out = Rslc.read(a.dir.resolve("out.txt")) + Rslc.read(a.dir.resolve("err.txt"));
            assertThat(exit).as(out).isZero();
            assertThat(out).contains("checkpoint not moved: another writer changed it");
            assertThat(checkpoint(config)).as("the other writer's checkpoint is kept").isEqualTo("2020-06-02");
            Rslc.Result rerun = Rslc.inProcess(dir, "rerun", args(config, target));
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(rerun.all()).contains("checkpoint reconciled from the journal: 2020-06-02 -> 2020-06-08");
            s.writeRule(checkpoint(config));
            Check.Counts counts = Check.rows(s, true);
            Campaign.record("DynamoDB checkpoint moved by another writer during a run", 1, counts,
                    "run exit 0, compare-and-set refused and noted; re-run reconciles from the journal");
        } finally {
            target.drop();
        }
    }

    /**
     * Four workers share one DynamoDB configuration of 24 tables with 2-second leases, started together; one is
     * stalled (SIGSTOP) for 3 s mid-way, one SIGKILLed. Every table is done, every slice once (a final run picks
     * up what the killed worker left).
     */
    @Test
    void fourWorkersShareOneConfigurationUnderLeaseChurn() throws Exception {
        Assumptions.assumeTrue(Campaign.selected(false, "four-workers-lease-churn"));
        Path dir = Campaign.dir("lease", "four-workers-lease-churn");
        Target target = Target.postgres();
        Random random = new Random(Campaign.SEED);
        try {
            List<Subject> subjects = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Path sub = dir.resolve("t" + i);
                Files.createDirectories(sub);
                subjects.add(new Subject(target, sub, "s" + i, "t", "d", Mode.BOTH, i % 2 == 0 ? Format.CSV : Format.PARQUET,
                        sub.resolve("archive").toString(), 20).create());
            }
            String config = dynamoConfig(dir, subjects, 2);
            List<Process> workers = new ArrayList<>();
            List<Rslc.Launch> launches = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Rslc.Launch l = KillCampaignIT.launch(dir.resolve("worker-" + w), target);
                launches.add(l);
                workers.add(l.start(args(config, target)));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (target.journalRows() < 20 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            boolean stalled = workers.get(1).isAlive();
            if (stalled) {
                signal("STOP", workers.get(1));
            }
            Thread.sleep(random.nextInt(200));
            boolean killed = workers.get(2).isAlive();
            workers.get(2).destroyForcibly();
            Thread.sleep(3_000);
            if (stalled) {
                signal("CONT", workers.get(1));
            }
            int busy = 0;
            int lost = 0;
            for (int w = 0; w < 4; w++) {
                int exit = Rslc.await(workers.get(w), 180);
                String out = Rslc.read(launches.get(w).dir.resolve("out.txt"))
                        + Rslc.read(launches.get(w).dir.resolve("err.txt"));
                if (w != 2) {
                    assertThat(exit).as("worker " + w + ": " + out).isIn(0, 1);
                    assertThat(out).doesNotContain("internal error");
                }
                busy += count(out, "busy: another rslc");
                lost += count(out, "lease lost");
            }
            Rslc.Result last = Rslc.inProcess(dir, "final", args(config, target));
            assertThat(last.exit()).as(last.all()).isZero();
            Check.Counts total = Check.Counts.ZERO;
            for (Subject s : subjects) {
                s.writeRule(checkpoint(config, s.schema));
                total = total.plus(Check.rows(s, true));
                assertThat(Check.journal(s)).as("one journal row per due day of " + s.schema + ".t: none done twice")
                        .hasSize(Subject.DUE_DAYS);
            }
            Campaign.record("four workers, one DynamoDB configuration of 24 tables, 2 s leases (one stalled, one "
                    + "SIGKILLed)", (stalled ? 1 : 0) + (killed ? 1 : 0), total, busy + " busy skips, " + lost
                    + " lost leases; every table done, every slice once");
        } finally {
            target.drop();
        }
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    /** {@code run} of the DynamoDB configuration, one slice per transaction. */
    private static List<String> args(String config, Target target) throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "--config", config, "--as-of", Subject.AS_OF, "--batch-rows", "0"));
        a.addAll(target.connection());
        return a;
    }

    /** Loads the subjects' rules into a new DynamoDB table; the source URI with leases of {@code leaseSeconds}. */
    private static String dynamoConfig(Path dir, Subject s, int leaseSeconds) throws Exception {
        return dynamoConfig(dir, List.of(s), leaseSeconds);
    }

    private static String dynamoConfig(Path dir, List<Subject> subjects, int leaseSeconds) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Subject s : subjects) {
            List<String> rule = Files.readAllLines(s.config);
            if (lines.isEmpty()) {
                lines.add(rule.get(0));
            }
            lines.add(rule.get(1));
        }
        Path csv = dir.resolve("all-rules.csv");
        Files.write(csv, lines);
        String table = DynamoDbLocal.uniqueTable("lease");
        Rslc.Result load = Rslc.inProcess(dir, "config-load", List.of("config", "load", "--csv", csv.toString(),
                "--dynamodb-table", table, "--create-table", "--region", "us-east-1", "--endpoint",
                DynamoDbLocal.shared().endpoint().toString()));
        assertThat(load.exit()).as(load.all()).isZero();
        return DynamoDbLocal.shared().uri(table) + "&lease_seconds=" + leaseSeconds;
    }

    private static String tableOf(String config) {
        return config.substring("dynamodb://".length(), config.indexOf('?'));
    }

    private static String checkpoint(String config) {
        return checkpoint(config, "s");
    }

    /** The checkpoint DynamoDB holds for {@code schema.t}. */
    private static String checkpoint(String config, String schema) {
        Map<String, AttributeValue> item = DynamoDbLocal.shared().client().getItem(b -> b.tableName(tableOf(config))
                .key(Map.of("schema_name", AttributeValue.fromS(schema), "table_name", AttributeValue.fromS("t"))))
                .item();
        AttributeValue v = item.get("checkpoint");
        return v == null || v.s() == null ? "" : v.s();
    }

    private static void setCheckpoint(String config, String value) {
        DynamoDbLocal.shared().client().updateItem(b -> b.tableName(tableOf(config))
                .key(Map.of("schema_name", AttributeValue.fromS("s"), "table_name", AttributeValue.fromS("t")))
                .updateExpression("SET #c = :v").expressionAttributeNames(Map.of("#c", "checkpoint"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
    }

    /** A transaction holding one row of {@code day} FOR UPDATE: rslc's DELETE of that day waits on it. */
    private static Connection holdRowOf(Target target, Subject s, String day) throws Exception {
        Connection c = target.connect();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + s.qualified()
                + " WHERE d = DATE '" + day + "' ORDER BY id LIMIT 1 FOR UPDATE")) {
            assertThat(rs.next()).isTrue();
        }
        return c;
    }

    private static void awaitLockWait(Target target, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (p.isAlive() && System.currentTimeMillis() < deadline) {
            if (target.count("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + Target.USER
                    + "' AND wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("rslc's DELETE never waited on the held row");
    }

    private static void signal(String name, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }
}
