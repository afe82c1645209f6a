package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rslc.internal.aws.SecretsManagerStandIn;
import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 16: the kill campaign over the Lambda runner. The handler runs as a child JVM ({@link LambdaRunner}: event
 * on stdin, DynamoDB configuration and leases, the login from the Secrets Manager stand-in) and is killed at the
 * engine's crash points, in maintenance, around the DynamoDB checkpoint write and before a lease write, or by a
 * SIGKILL (what Lambda does at its timeout); then it is invoked again until its report is complete. Rows are
 * checked by id after every kill and at the end; the DynamoDB checkpoint against the journal; {@code rslc verify};
 * the password in nothing written. Budget instances: invocations with a small {@code budget_seconds}, so the
 * backfill takes several ({@code "complete": false}, then true), one of them killed.
 */
@Tag("campaign")
class LambdaCampaignIT {

    /** One instance: the archive, the mode, rows per transaction (0: one slice each), the kills, a budget. */
    record Spec(boolean quick, boolean s3, Mode mode, Format format, int batchRows, boolean budget, List<Kill> kills) {

        String id() {
            return "lambda-pg" + (mode.archives() ? (s3 ? "-s3" : "-local") : "") + "-mode" + mode.flag
                    + (mode.archives() ? "-" + format : "") + "-batch" + batchRows + (budget ? "-budget" : "")
                    + "-" + String.join("+", kills.stream().map(Kill::toString).toList());
        }

        String scenario() {
            return budget ? "Lambda backfill over budget-limited invocations (`complete: false` → true), one killed"
                    : "kill -9 of the Lambda handler (child JVM), re-invoked until complete";
        }

        int rowsPerDay() {
            return budget ? 2_000 : ROWS_PER_DAY;
        }
    }

    static final int ROWS_PER_DAY = 250;
    static final int MAX_INVOCATIONS = 20;
    /** Budget of the budget instances' first invocation (grown until an invocation commits part of the work). */
    static final double FIRST_BUDGET = 0.5;

    @TestFactory
    Stream<DynamicTest> lambdaKilledAndReinvoked() {
        return specs().stream().filter(s -> Campaign.selected(s.quick(), s.id()))
                .map(s -> DynamicTest.dynamicTest(s.id(), () -> run(s)));
    }

    static List<Spec> specs() {
        Random r = new Random(Campaign.SEED);
        List<Spec> out = new ArrayList<>();
        // quick: a DynamoDB write crash point (local), a crash point in maintenance (S3)
        out.add(new Spec(true, false, Mode.BOTH, Format.CSV, 0, false, List.of(Kill.at("checkpoint-write", 1))));
        out.add(new Spec(true, true, Mode.BOTH, Format.TEXT_GZIP, 500, false, List.of(Kill.at("in-maintenance", 1))));
        // unload and delete
        out.add(new Spec(false, false, Mode.BOTH, Format.CSV, 500, false, List.of(Kill.at("after-archive", 2))));
        out.add(new Spec(false, false, Mode.BOTH, Format.CSV, 0, false, List.of(Kill.at("before-commit", 3))));
        out.add(new Spec(false, true, Mode.BOTH, Format.TEXT_GZIP, 0, false, List.of(Kill.at("after-commit", 2))));
        out.add(new Spec(false, false, Mode.BOTH, Format.PARQUET, 0, false,
                List.of(Kill.at("after-checkpoint-write", 1))));
        out.add(new Spec(false, true, Mode.BOTH, Format.PARQUET, 500, false, List.of(Kill.at("checkpoint-write", 1))));
        out.add(new Spec(false, false, Mode.BOTH, Format.TEXT, 0, false, List.of(Kill.at("lease-write", 1))));
        out.add(new Spec(false, true, Mode.BOTH, Format.CSV_ZSTD, 0, false, List.of(Kill.at("lease-write", 2))));
        out.add(new Spec(false, false, Mode.BOTH, Format.PARQUET, 500, false,
                List.of(Kill.afterCommits(2, r.nextLong()), Kill.afterCommits(2, r.nextLong()))));
        out.add(new Spec(false, true, Mode.BOTH, Format.TEXT_GZIP, 0, false,
                List.of(Kill.atRandomInstant(400, r.nextLong()), Kill.afterCommits(3, r.nextLong()))));
        // unload only: the rows stay; delete only: no archive
        out.add(new Spec(false, false, Mode.UNLOAD, Format.CSV_GZIP, 500, false, List.of(Kill.at("after-commit", 1))));
        out.add(new Spec(false, true, Mode.UNLOAD, Format.PARQUET, 0, false, List.of(Kill.at("checkpoint-write", 1))));
        out.add(new Spec(false, false, Mode.UNLOAD, Format.TEXT, 0, false, List.of(Kill.afterCommits(2, r.nextLong()))));
        out.add(new Spec(false, false, Mode.DELETE, Format.TEXT, 0, false, List.of(Kill.at("before-commit", 2))));
        out.add(new Spec(false, false, Mode.DELETE, Format.TEXT, 500, false, List.of(Kill.at("in-maintenance", 1))));
        out.add(new Spec(false, false, Mode.DELETE, Format.TEXT, 0, false,
                List.of(Kill.at("after-checkpoint-write", 1))));
        // budget-limited invocations, one killed between them
        out.add(new Spec(false, false, Mode.BOTH, Format.CSV, 0, true, List.of(Kill.afterCommits(1, r.nextLong()))));
        out.add(new Spec(false, true, Mode.BOTH, Format.PARQUET, 0, true, List.of(Kill.at("lease-write", 2))));
        out.add(new Spec(false, false, Mode.UNLOAD, Format.TEXT_ZSTD, 0, true, List.of(Kill.at("after-commit", 1))));
        return out;
    }

    static void run(Spec spec) throws Exception {
        Path dir = Campaign.dir("lambda", spec.id());
        Campaign.Phases phases = new Campaign.Phases(dir);
        Target target = Target.postgres();
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            String location = spec.s3() ? "s3://" + Target.BUCKET + "/" + target.database + "-" + System.nanoTime()
                    + "/t" : dir.resolve("archive").toString();
            Subject s = Subject.standard(target, dir, spec.mode(), spec.format(), location, spec.rowsPerDay()).create();
            LambdaRunner lambda = LambdaRunner.create(dir, target, s, secrets, spec.batchRows());
            phases.mark("setup");
            Double budget = spec.budget() ? partialBackfill(lambda, s) : null;
            int incomplete = spec.budget() ? 1 : 0;
            phases.mark("budget invocations");
            int faults = 0;
            Check.Counts mid = Check.Counts.ZERO;
            List<String> outcomes = new ArrayList<>();
            long killedAt = System.nanoTime();
            for (int k = 0; k < spec.kills().size(); k++) {
                if (k > 0) {
                    lambda.awaitLeaseFree(); // the previous kill's lease: else this invocation would answer busy
                }
                Kill kill = relative(spec.kills().get(k), target.journalRows());
                // the killed invocation has no budget: the crash point is surely reached
                Kill.Outcome o = kill.apply(lambda.launch("kill-" + k, null), List.of(), target::journalRows);
                killedAt = System.nanoTime();
                faults += o.killed() ? 1 : 0;
                outcomes.add(o.killed() ? "killed" : "finished first (exit " + o.exit() + ")");
                phases.mark("killed invocation");
                s.writeRule(lambda.checkpoint()); // Check compares the rule's checkpoint with the journal
                mid = mid.plus(Check.rows(s, false));
                phases.mark("check after the kill");
            }
            LambdaRunner.Finish f = lambda.untilComplete("invoke", budget, MAX_INVOCATIONS, killedAt);
            incomplete += f.incomplete();
            phases.mark("re-invocations");
            String checkpoint = lambda.checkpoint();
            assertThat(checkpoint).as("DynamoDB checkpoint at the last due day").isEqualTo("2020-06-08");
            s.writeRule(checkpoint);
            Check.Counts counts = Check.rows(s, true);
            phases.mark("final check");
            List<String> verifyArgs = new ArrayList<>(List.of("verify", "--config", lambda.configUri()));
            verifyArgs.addAll(target.connection());
            Rslc.Result verify = Rslc.inProcess(dir, "verify", verifyArgs);
            assertThat(verify.exit()).as("verify: " + verify.all()).isZero();
            Check.noPassword(dir);
            Check.noPasswordInArchive(s);
            phases.mark("verify, password search");
            note(spec, outcomes, f, incomplete);
            Campaign.record(spec.scenario(), faults,
                    counts.plus(new Check.Counts(0, mid.lost(), mid.doubled())),
                    spec.budget() ? "complete:false then complete:true; re-invoked to ok, verify clean"
                            : "re-invoked to complete:true (ok), verify clean");
            assertThat(faults).as("kills that landed while the handler ran (" + outcomes + ")").isPositive();
            if (spec.budget()) {
                assertThat(incomplete).as("invocations answering complete:false").isPositive();
            }
        } finally {
            target.drop();
            phases.mark("drop");
        }
    }

    /**
     * Invokes with a small budget, grown until an invocation commits part of the backfill and answers
     * {@code "complete": false} (the table {@code stopped}, the rest left for the next invocation). Returns it.
     */
    static Double partialBackfill(LambdaRunner lambda, Subject s) throws Exception {
        double budget = FIRST_BUDGET;
        for (int i = 0; i < 8; i++, budget = Math.round(budget * 15) / 10.0) {
            JsonNode r = lambda.invoke("budget-" + i, budget);
            assertThat(r.get("complete").asBoolean()).as("budget " + budget + " s finished at once: " + r).isFalse();
            assertThat(LambdaRunner.status(r)).isEqualTo("stopped");
            assertThat(r.get("tables").get(0).get("error").asText()).contains("next run");
            if (LambdaRunner.progress(r) > 0) {
                Check.rows(s, false);
                return budget;
            }
        }
        throw new AssertionError("no invocation committed anything within its budget");
    }

    /** A SIGKILL after n commits counts from the commits made so far. */
    static Kill relative(Kill k, long committed) {
        return k.type() == Kill.Type.SIGKILL_AFTER_COMMITS ? new Kill(k.type(), null, (int) (k.n() + committed), k.seed())
                : k;
    }

    /** Per instance: invocations, busy answers and the wait for a killed invocation's lease, for the write-up. */
    static synchronized void note(Spec spec, List<String> outcomes, LambdaRunner.Finish f, int incomplete)
            throws Exception {
        Path file = Campaign.ROOT.resolve("lambda-invocations-" + (Campaign.FULL ? "full" : "quick") + ".txt");
        Files.createDirectories(Campaign.ROOT);
        Files.writeString(file, String.format("%s: kills %s; re-invocations %d (busy %d, complete:false %d); "
                        + "lease wait %d ms%n", spec.id(), outcomes, f.invocations(), f.busy(), incomplete,
                f.leaseWaitMs()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
