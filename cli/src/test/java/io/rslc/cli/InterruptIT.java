package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM sent to a real {@code rslc run} process (issue 16), at a known instant: while a transaction is
 * between its archive and its commit (a test-only pause point). The first signal lets that transaction commit,
 * starts no other, prints what was done and what remains and exits 130; a second one stops at once, the transaction
 * rolling back. Either way the journal, the archive and the checkpoint stay consistent ({@link KillIT}'s
 * invariants), and the next run finishes the work.
 */
class InterruptIT {

    @TempDir
    Path tmp;

    /** {@link KillIT}'s table and configuration (8 due days of 2,000 rows, batches of 2 days), pausing as given. */
    KillIT scenario(String pauseAt) throws Exception {
        KillIT k = new KillIT() {
            @Override
            List<String> jvmOptions() {
                return List.of("-Drslc.pauseAt=" + pauseAt);
            }
        };
        k.tmp = tmp;
        k.setUp();
        return k;
    }

    static void signal(Process p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start().waitFor())
                .isZero();
    }

    static void await(Path file, String text, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Cli.read(file).contains(text)) {
            assertThat(p.isAlive()).as("rslc ended before printing '" + text + "': " + Cli.read(file)).isTrue();
            assertThat(System.currentTimeMillis()).as("waiting for '" + text + "'").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void theFirstSignalLetsTheTransactionInFlightCommitStartsNoOtherAndExits130() throws Exception {
        KillIT k = scenario("after-archive:2:2000");
        Set<Long> initial = k.tableIds();
        Path dir = tmp.resolve("interrupted");
        Process p = k.rslc(dir, null);
        await(dir.resolve("err.txt"), "rslc: pause point after-archive reached", p);
        signal(p, "INT");

        assertThat(Cli.await(p)).as(Cli.read(dir.resolve("err.txt"))).isEqualTo(Interrupts.EXIT);
        assertThat(Cli.read(dir.resolve("err.txt"))).contains("rslc: interrupted (SIGINT): the transaction in flight "
                + "finishes or rolls back, no new one starts; signal again to stop at once");
        assertThat(Cli.read(dir.resolve("out.txt")))
                .contains("STOPPED s.t: interrupted after 4 committed slice(s); 4 slice(s) from 2020-06-05 remain for "
                        + "the next run, maintenance waits for it")
                .contains("interrupted: 4 slice(s) committed (8000 row(s) archived, 8000 deleted), every one "
                        + "journaled; 1 of 1 table(s) left for the next run (0 not started); run again to continue");
        assertThat(k.committedFolders()).as("the paused transaction committed, no later one started").hasSize(4);
        k.assertInvariants(initial);
        assertThat(k.checkpoint()).isEqualTo("2020-06-04");
        k.finish(initial);
    }

    @Test
    void aSecondSignalStopsAtOnceAndTheTransactionInFlightRollsBack() throws Exception {
        KillIT k = scenario("after-archive:2:30000");
        Set<Long> initial = k.tableIds();
        Path dir = tmp.resolve("aborted");
        Process p = k.rslc(dir, null);
        await(dir.resolve("err.txt"), "rslc: pause point after-archive reached", p);
        long start = System.currentTimeMillis();
        signal(p, "TERM");
        await(dir.resolve("err.txt"), "rslc: interrupted (SIGTERM)", p);
        signal(p, "INT");

        assertThat(Cli.await(p)).isEqualTo(Interrupts.EXIT);
        assertThat(System.currentTimeMillis() - start).as("did not wait for the paused transaction").isLessThan(20_000);
        assertThat(Cli.read(dir.resolve("err.txt"))).contains("rslc: interrupted again (SIGINT): stopping at once; the "
                + "transaction in flight rolls back, run again to continue");
        assertThat(k.committedFolders()).as("only the first transaction committed").hasSize(2);
        k.assertInvariants(initial);
        k.finish(initial);
    }
}
