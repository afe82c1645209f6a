package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * One way to kill a child rslc: halt at a crash point (CrashPoints, {@code Runtime.halt}: exactly kill -9 at a
 * known instant), or a real SIGKILL ({@code Process.destroyForcibly}) after the n-th commit plus a random delay
 * (0-40 ms), or at a random instant within {@code n} ms after the table's work began (its "TABLE:" line: the
 * instant can fall in planning, a slice, maintenance or the checkpoint write).
 */
record Kill(Type type, String point, int n, long seed) {

    enum Type { CRASH_POINT, SIGKILL_AFTER_COMMITS, SIGKILL_AT_RANDOM_TIME }

    static Kill at(String point, int n) {
        return new Kill(Type.CRASH_POINT, point, n, 0);
    }

    static Kill afterCommits(int n, long seed) {
        return new Kill(Type.SIGKILL_AFTER_COMMITS, null, n, seed);
    }

    /** SIGKILL at a uniformly random instant in the first {@code windowMs} after the table's work began. */
    static Kill atRandomInstant(int windowMs, long seed) {
        return new Kill(Type.SIGKILL_AT_RANDOM_TIME, null, windowMs, seed);
    }

    @Override
    public String toString() {
        return switch (type) {
            case CRASH_POINT -> point + ":" + n;
            case SIGKILL_AFTER_COMMITS -> "sigkill-after-" + n + "-commits";
            case SIGKILL_AT_RANDOM_TIME -> "sigkill-random-instant";
        };
    }

    /** What happened: whether the process was killed (rather than finishing first), and its exit code. */
    record Outcome(boolean killed, int exit, String err) {
    }

    /**
     * Starts {@code args} in a child and kills it this way. {@code commits} counts the committed units so far
     * (journal rows, or restored generations).
     */
    Outcome apply(Rslc.Launch launch, List<String> args, LongSupplier commits) throws Exception {
        Process p = launch.crashAt(type == Type.CRASH_POINT ? point + ":" + n : null).start(args);
        Path err = launch.dir.resolve("err.txt");
        Random random = new Random(seed);
        switch (type) {
            case CRASH_POINT -> {
                int exit = Rslc.await(p, 180);
                String text = Rslc.read(err);
                assertThat(exit).as("halted at " + this + ": " + text).isEqualTo(137);
                assertThat(text).contains("crash point " + point + " reached");
                return new Outcome(true, exit, text);
            }
            case SIGKILL_AFTER_COMMITS -> {
                long deadline = System.currentTimeMillis() + 120_000;
                while (p.isAlive() && commits.getAsLong() < n && System.currentTimeMillis() < deadline) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(40));
            }
            case SIGKILL_AT_RANDOM_TIME -> {
                long deadline = System.currentTimeMillis() + 120_000;
                while (p.isAlive() && !Rslc.read(err).contains("TABLE:") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(n));
            }
        }
        boolean alive = p.isAlive();
        p.destroyForcibly().waitFor();
        return new Outcome(alive, p.exitValue(), Rslc.read(err));
    }
}
