package io.rslc.internal.exec;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only fault injection for the crash-safety tests: when the system property {@code rslc.crashAt} is
 * {@code <point>} or {@code <point>:<n>}, the process halts at the n-th time (default first) it reaches that point,
 * without shutdown hooks or cleanup, exactly like {@code kill -9}. Points: {@code after-archive},
 * {@code before-commit}, {@code after-commit}, {@code restore-before-commit}, {@code in-maintenance} (just before a
 * table's VACUUM/ANALYZE), and in the DynamoDB stores of engine-aws {@code checkpoint-write} and
 * {@code after-checkpoint-write} (around the checkpoint's conditional update) and {@code lease-write} (before a
 * lease is taken or renewed). {@code rslc.pauseAt}
 * ({@code <point>:<n>:<millis>}) instead pauses there, saying so on stderr, so a test can signal the process at a
 * known instant. Without the properties this does nothing.
 */
public final class CrashPoints {

    private static final String PROPERTY = "rslc.crashAt";
    private static final String PAUSE = "rslc.pauseAt";
    private static final AtomicInteger REACHED = new AtomicInteger();
    private static final AtomicInteger PAUSED = new AtomicInteger();

    private CrashPoints() {
    }

    /** Halts the process here if {@code rslc.crashAt} names this point (and this is its n-th time). */
    public static void reach(String point) {
        pause(point);
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isEmpty()) {
            return;
        }
        String[] parts = spec.split(":");
        if (!parts[0].equals(point)) {
            return;
        }
        int n = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        if (REACHED.incrementAndGet() == n) {
            System.err.println("rslc: crash point " + point + " reached, halting");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    private static void pause(String point) {
        String spec = System.getProperty(PAUSE);
        if (spec == null || spec.isEmpty()) {
            return;
        }
        String[] parts = spec.split(":");
        if (parts[0].equals(point) && PAUSED.incrementAndGet() == Integer.parseInt(parts[1])) {
            System.err.println("rslc: pause point " + point + " reached");
            System.err.flush();
            try {
                Thread.sleep(Long.parseLong(parts[2]));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
