package io.rslc.internal.exec;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only fault injection for the crash-safety tests: when the system property {@code rslc.crashAt} is
 * {@code <point>} or {@code <point>:<n>}, the process halts at the n-th time (default first) it reaches that point,
 * without shutdown hooks or cleanup, exactly like {@code kill -9}. Points: {@code after-archive},
 * {@code before-commit}, {@code after-commit}, {@code restore-before-commit}, {@code restore-after-commit}. Without the property this does nothing.
 */
public final class CrashPoints {

    private static final String PROPERTY = "rslc.crashAt";
    private static final AtomicInteger REACHED = new AtomicInteger();

    private CrashPoints() {
    }

    /** Halts the process here if {@code rslc.crashAt} names this point (and this is its n-th time). */
    public static void reach(String point) {
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
}
