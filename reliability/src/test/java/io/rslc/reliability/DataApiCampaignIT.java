package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The kill scenario over the Redshift Data API ({@code rslc run --data-api}, {@code rslc restore --data-api}):
 * the real {@code RedshiftDataClient} in a child JVM, the test-only Data API stand-in in this JVM in front of the
 * Redshift stand-in. What differs from JDBC: killing the client does not end its Data API session, so its open
 * transaction and its run lock live on until the session's keep-alive runs out. Each instance therefore checks,
 * after the kill, a re-run made while the killed run's sessions still live (it must find the table busy, or, if
 * the kill struck before the lock, do the work; nothing lost or doubled either way), then ends those sessions
 * (what the keep-alive running out does: their transactions roll back) and re-runs to completion.
 */
@Tag("campaign")
class DataApiCampaignIT {

    /** One instance. */
    record Spec(boolean quick, Mode mode, Format format, int batchSlices, boolean restore, Kill kill) {

        String id() {
            return (restore ? "restore-" : "run-") + "dataapi-mode" + mode.flag + (mode.archives() ? "-" + format : "")
                    + "-batch" + batchSlices + "-" + kill;
        }

        String scenario() {
            return restore ? "kill -9 during rslc restore --data-api" : "kill -9 during rslc run --data-api";
        }
    }

    @TestFactory
    Stream<DynamicTest> killedWhileTheSessionLivesOn() {
        return specs().stream().filter(s -> Campaign.selected(s.quick(), s.id()))
                .map(s -> DynamicTest.dynamicTest(s.id(), () -> run(s)));
    }

    /** The matrix (docs/reliability.md). */
    static List<Spec> specs() {
        Random r = new Random(Campaign.SEED + 7);
        List<Spec> out = new ArrayList<>();
        List<Kill> kills = List.of(Kill.at("after-archive", 1), Kill.at("before-commit", 2),
                Kill.at("after-commit", 1), Kill.afterCommits(1 + r.nextInt(3), r.nextLong()),
                Kill.atRandomInstant(2000, r.nextLong()));
        int i = 0;
        for (Format format : List.of(Format.CSV, Format.PARQUET)) {
            for (Kill k : kills) {
                int batch = (i++ % 2 == 0) ? 2 : 0;
                boolean quick = format == Format.CSV && k.type() == Kill.Type.CRASH_POINT
                        && k.point().equals("before-commit");
                out.add(new Spec(quick, Mode.BOTH, format, batch, false, k));
            }
        }
        for (Kill k : List.of(Kill.at("before-commit", 2), Kill.afterCommits(2, r.nextLong()))) {
            out.add(new Spec(false, Mode.UNLOAD, Format.TEXT_GZIP, 2, false, k));
            out.add(new Spec(false, Mode.DELETE, Format.TEXT, 0, false, k));
        }
        for (Kill k : List.of(Kill.at("restore-before-commit", 2), Kill.afterCommits(2 + r.nextInt(3), r.nextLong()))) {
            out.add(new Spec(false, Mode.BOTH, Format.CSV, 2, true, k));
        }
        return out;
    }

    static void run(Spec spec) throws Exception {
        Path dir = Campaign.dir("dataapi", spec.id());
        Campaign.Phases phases = new Campaign.Phases(dir);
        Target target = Target.dataApi();
        try {
            String location = "s3://" + Target.BUCKET + "/" + target.database + "-" + System.nanoTime() + "/t";
            Subject s = Subject.standard(target, dir, spec.mode(), spec.format(), location,
                    KillCampaignIT.ROWS_PER_DAY).create();
            phases.mark("setup");
            List<String> run = new ArrayList<>(s.runArgs());
            run.addAll(List.of("--batch-rows", String.valueOf(spec.batchSlices() * KillCampaignIT.ROWS_PER_DAY)));
            String outcome;
            int faults;
            Check.Counts counts;
            if (!spec.restore()) {
                Kill.Outcome o = spec.kill().apply(KillCampaignIT.launch(dir.resolve("kill"), target), run,
                        target::journalRows);
                faults = o.killed() ? 1 : 0;
                phases.mark("killed run");
                Check.rows(s, false);
                Rslc.Result early = Rslc.inProcess(dir, "rerun-while-the-session-lives", run);
                assertThat(early.exit()).as("re-run while the killed run's sessions live: " + early.all()).isZero();
                boolean busy = early.out().contains("BUSY ");
                Check.rows(s, !busy);
                phases.mark("re-run while the session lives");
                int ended = target.endDataApiSessions();
                Rslc.Result rerun = Rslc.inProcess(dir, "rerun", run);
                assertThat(rerun.exit()).as("re-run: " + rerun.all()).isZero();
                assertThat(rerun.out()).doesNotContain("BUSY ");
                counts = Check.rows(s, true);
                phases.mark("re-run and final check");
                outcome = (busy ? "re-run while the killed session lived: BUSY" : "re-run while the killed session "
                        + "lived: did the work") + "; " + ended + " session(s) ended, re-run exit 0, verify clean";
            } else {
                Rslc.Result first = Rslc.inProcess(dir, "run", run);
                assertThat(first.exit()).as("run: " + first.all()).isZero();
                Check.rows(s, true);
                List<String> restore = s.args("restore", "--table", s.name());
                Kill.Outcome o = spec.kill().apply(KillCampaignIT.launch(dir.resolve("restore-kill"), target),
                        restore, () -> KillCampaignIT.restored(target));
                faults = o.killed() ? 1 : 0;
                int ended = target.endDataApiSessions();
                Rslc.Result again = Rslc.inProcess(dir, "restore", restore);
                assertThat(again.exit()).as("restore re-run: " + again.all()).isZero();
                counts = KillCampaignIT.restoredRows(s);
                outcome = ended + " session(s) ended, re-run of restore exit 0, every archived row restored once";
            }
            Rslc.Result verify = Rslc.inProcess(dir, "verify", s.args("verify"));
            assertThat(verify.exit()).as("verify: " + verify.all()).isZero();
            Check.noPassword(dir);
            phases.mark("verify");
            Campaign.record(spec.scenario(), faults, counts, outcome);
            assertThat(faults).as("the kill landed while rslc ran").isPositive();
        } finally {
            target.drop();
            phases.mark("drop");
        }
    }
}
