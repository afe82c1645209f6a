package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Scenario 1 of the campaign: {@code rslc run} (and {@code rslc restore}) killed at many instants, on PostgreSQL
 * and the Redshift stand-in, local and S3 archives, every format and mode; each instance is re-run to completion
 * and checked row by row ({@link Check}), then {@code rslc verify} must find nothing, and the password must
 * appear in nothing the runs wrote. Quick mode runs the instances marked quick; full mode all of them.
 */
@Tag("campaign")
class KillCampaignIT {

    /** One instance: where, what, how it is killed. */
    record Spec(boolean quick, Target.Kind kind, boolean s3, Mode mode, Format format, int batchSlices,
                boolean restore, List<Kill> kills) {

        String id() {
            return (restore ? "restore-" : "run-") + (kind == Target.Kind.REDSHIFT ? "redshift" : "pg")
                    + (kind == Target.Kind.REDSHIFT ? "" : s3 ? "-s3" : "-local") + "-mode" + mode.flag
                    + (mode.archives() ? "-" + format : "") + "-batch" + batchSlices
                    + "-" + String.join("+", kills.stream().map(Kill::toString).toList());
        }

        String scenario() {
            return restore ? "kill -9 during rslc restore" : "kill -9 during rslc run";
        }

        /** Transactions a run makes: batches of {@code batchSlices} (one UNLOAD each on Redshift), 0 = one slice each. */
        int transactions() {
            int per = batchSlices == 0 ? 1 : batchSlices;
            return (Subject.DUE_DAYS + per - 1) / per;
        }
    }

    static final int ROWS_PER_DAY = 250;

    @TestFactory
    Stream<DynamicTest> killedAndRerun() {
        return specs().stream().filter(s -> Campaign.selected(s.quick(), s.id()))
                .map(s -> DynamicTest.dynamicTest(s.id(), () -> run(s)));
    }

    /** The matrix (docs/reliability.md). */
    static List<Spec> specs() {
        Random r = new Random(Campaign.SEED);
        List<Spec> out = new ArrayList<>();
        record Store(Target.Kind kind, boolean s3, Format format) {
        }
        List<Store> stores = List.of(
                new Store(Target.Kind.POSTGRES, false, Format.TEXT),
                new Store(Target.Kind.POSTGRES, false, Format.CSV_GZIP),
                new Store(Target.Kind.POSTGRES, false, Format.PARQUET),
                new Store(Target.Kind.POSTGRES, false, Format.TEXT_ZSTD),
                new Store(Target.Kind.POSTGRES, true, Format.CSV_ZSTD),
                new Store(Target.Kind.POSTGRES, true, Format.PARQUET),
                new Store(Target.Kind.POSTGRES, true, Format.TEXT_GZIP),
                new Store(Target.Kind.REDSHIFT, true, Format.TEXT_GZIP),
                new Store(Target.Kind.REDSHIFT, true, Format.CSV),
                new Store(Target.Kind.REDSHIFT, true, Format.PARQUET));
        int i = 0;
        for (Store st : stores) {
            // unload and delete: every crash point at two occurrences, SIGKILL after commits and at random times
            List<Kill> kills = List.of(Kill.at("after-archive", 1), Kill.at("after-archive", 2),
                    Kill.at("before-commit", 1), Kill.at("before-commit", 3), Kill.at("after-commit", 2),
                    Kill.afterCommits(1 + r.nextInt(3), r.nextLong()), Kill.atRandomInstant(window(st.kind()), r.nextLong()));
            for (Kill k : kills) {
                int batch = (i++ % 2 == 0) ? 2 : 0;
                boolean quick = quick(st.kind(), st.s3(), st.format(), k);
                Spec s = new Spec(quick, st.kind(), st.s3(), Mode.BOTH, st.format(), batch, false, List.of(k));
                if (k.type() != Kill.Type.CRASH_POINT) {
                    s = new Spec(quick, st.kind(), st.s3(), Mode.BOTH, st.format(), batch, false,
                            List.of(k, Kill.afterCommits(3 + r.nextInt(3), r.nextLong())));
                }
                out.add(s);
            }
        }
        // unload only: the rows stay; a re-run must not archive a committed slice again
        for (Store st : List.of(stores.get(1), stores.get(5), stores.get(7))) {
            for (Kill k : List.of(Kill.at("after-archive", 2), Kill.at("before-commit", 2), Kill.at("after-commit", 1),
                    Kill.afterCommits(2, r.nextLong()))) {
                boolean quick = st.kind() == Target.Kind.POSTGRES && !st.s3() && k.point() != null
                        && k.point().equals("after-commit");
                out.add(new Spec(quick, st.kind(), st.s3(), Mode.UNLOAD, st.format(), 2, false, List.of(k)));
            }
        }
        // delete only: no archive, the journal counts the deletes
        for (Target.Kind kind : Target.Kind.values()) {
            for (Kill k : List.of(Kill.at("before-commit", 1), Kill.at("before-commit", 2), Kill.at("after-commit", 1),
                    Kill.afterCommits(1, r.nextLong()), Kill.atRandomInstant(150, r.nextLong()))) { // delete-only: a table takes ~0.2 s
                boolean quick = false;
                out.add(new Spec(quick, kind, false, Mode.DELETE, Format.TEXT, 2, false, List.of(k)));
            }
        }
        // restore: killed inside a slice generation's transaction, and by SIGKILL after some commits
        for (Store st : List.of(stores.get(1), stores.get(2), stores.get(6), stores.get(8))) {
            for (Kill k : List.of(Kill.at("restore-before-commit", 1), Kill.at("restore-before-commit", 3),
                    Kill.afterCommits(2 + r.nextInt(4), r.nextLong()))) {
                boolean quick = st.kind() == Target.Kind.POSTGRES && !st.s3() && st.format() == Format.PARQUET
                        && k.n() == 3;
                out.add(new Spec(quick, st.kind(), st.s3(), Mode.BOTH, st.format(), 2, true, List.of(k)));
            }
        }
        return out;
    }

    /** How long after its start a table's work surely still runs: PostgreSQL is quick, the stand-in slow. */
    private static int window(Target.Kind kind) {
        return kind == Target.Kind.REDSHIFT ? 1500 : 250;
    }

    /** The quick sample: each crash point, a SIGKILL, local and S3, PostgreSQL and Redshift, each format. */
    private static boolean quick(Target.Kind kind, boolean s3, Format format, Kill k) {
        String key = kind + "/" + s3 + "/" + format + "/" + k;
        return key.equals("POSTGRES/false/TEXT/after-archive:2")
                || key.equals("POSTGRES/true/CSV-zstd/after-commit:2")
                || key.startsWith("POSTGRES/false/TEXT-zstd/sigkill-after")
                || key.equals("REDSHIFT/true/PARQUET/before-commit:3");
    }

    static void run(Spec spec) throws Exception {
        Path dir = Campaign.dir("kill", spec.id());
        Campaign.Phases phases = new Campaign.Phases(dir);
        Target target = spec.kind() == Target.Kind.REDSHIFT ? Target.redshift() : Target.postgres();
        try {
            String location = spec.s3() ? "s3://" + Target.BUCKET + "/" + target.database + "-" + System.nanoTime() + "/t"
                    : dir.resolve("archive").toString();
            Subject s = Subject.standard(target, dir, spec.mode(), spec.format(), location, ROWS_PER_DAY).create();
            phases.mark("setup");
            List<String> run = new ArrayList<>(s.runArgs());
            run.addAll(List.of("--batch-rows", String.valueOf(spec.batchSlices() * ROWS_PER_DAY)));
            int faults = 0;
            Check.Counts counts = Check.Counts.ZERO;
            List<String> outcomes = new ArrayList<>();
            if (!spec.restore()) {
                for (int k = 0; k < spec.kills().size(); k++) {
                    Kill kill = spec.kills().get(k);
                    List<String> args = new ArrayList<>(run);
                    args.addAll(List.of("--report", dir.resolve("report-" + k + ".json").toString()));
                    Kill.Outcome o = kill.apply(launch(dir.resolve("kill-" + k), target), args, target::journalRows);
                    faults += o.killed() ? 1 : 0;
                    outcomes.add(o.killed() ? "killed" : "finished first (exit " + o.exit() + ")");
                    phases.mark("killed run");
                    Check.rows(s, false);
                    phases.mark("check after the kill");
                }
            }
            List<String> finish = new ArrayList<>(run);
            finish.addAll(List.of("--report", dir.resolve("report-final.json").toString()));
            Rslc.Result rerun = Rslc.inProcess(dir, "rerun", finish);
            assertThat(rerun.exit()).as("re-run: " + rerun.all()).isZero();
            phases.mark("re-run");
            counts = counts.plus(Check.rows(s, true));
            phases.mark("final check");
            if (spec.restore()) {
                Kill kill = spec.kills().get(0);
                Kill.Outcome o = kill.apply(launch(dir.resolve("restore-kill"), target),
                        s.args("restore", "--table", s.name()), () -> restored(target));
                faults += o.killed() ? 1 : 0;
                outcomes.add(o.killed() ? "killed" : "finished first (exit " + o.exit() + ")");
                Rslc.Result again = Rslc.inProcess(dir, "restore", s.args("restore", "--table", s.name()));
                assertThat(again.exit()).as("restore re-run: " + again.all()).isZero();
                counts = restoredRows(s);
            }
            Rslc.Result verify = Rslc.inProcess(dir, "verify", s.args("verify"));
            assertThat(verify.exit()).as("verify: " + verify.all()).isZero();
            phases.mark("verify");
            Check.noPassword(dir);
            Check.noPasswordInArchive(s);
            phases.mark("password search");
            Campaign.record(spec.scenario(), faults, counts, "re-run exit 0, verify clean");
            assertThat(faults).as("kills that landed while rslc ran (" + outcomes + ")").isPositive();
        } finally {
            target.drop();
            phases.mark("drop");
        }
    }

    static Rslc.Launch launch(Path dir, Target target) throws Exception {
        return new Rslc.Launch(dir).jvm(target.jvmOptions()).env(Target.env());
    }

    /** Restored slice generations so far (0 before the restore journal exists). */
    static long restored(Target target) {
        try {
            return target.count("SELECT count(*) FROM rslc.restore_journal");
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    /** The restored table against the archive: every archived row once, with its value. */
    static Check.Counts restoredRows(Subject s) throws Exception {
        Map<Long, Integer> times = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        try (Connection c = s.target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + Subject.quote(s.schema) + "."
                     + Subject.quote(s.table + "_restored"))) {
            while (rs.next()) {
                long id = rs.getLong(1);
                times.merge(id, 1, Integer::sum);
                if (!Check.sameText(s, s.notes.get(id), rs.getString(3)) && wrong.size() < 5) {
                    wrong.add(id + ": restored " + rs.getString(3) + ", was " + s.notes.get(id));
                }
            }
        }
        long doubled = times.values().stream().filter(n -> n > 1).count();
        Set<Long> missing = new HashSet<>(s.due);
        missing.removeAll(times.keySet());
        Check.Counts counts = new Check.Counts(s.due.size(), missing.size(), doubled);
        assertThat(missing).as("archived rows missing from the restored table").isEmpty();
        assertThat(doubled).as("rows restored twice").isZero();
        assertThat(times.keySet()).as("only archived rows restored").isEqualTo(new HashSet<>(s.due));
        assertThat(wrong).as("restored values").isEmpty();
        assertThat(restored(s.target)).as("one restore-journal row per journaled slice generation")
                .isEqualTo(Check.journal(s).size());
        return counts;
    }
}
