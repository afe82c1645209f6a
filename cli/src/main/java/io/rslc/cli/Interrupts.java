package io.rslc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a run: the first signal asks the run to stop cleanly ({@code Rslc.stop()}: the
 * transaction in flight commits or rolls back, none starts after it) and says so on stderr; the command then prints
 * what was done and what remains and exits {@value #EXIT}. A second signal halts at once, exit {@value #EXIT}: the
 * transaction in flight dies with the connection and rolls back, as after {@code kill -9} (docs/executor.md, crash
 * safety). The JVM's own handling (exit 130 or 143, no message) comes back on {@link #close()}.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported), the only way for a Java program to take a signal
 * without starting the JVM's shutdown, during which the command could not choose its exit code or finish cleanly.
 */
final class Interrupts implements AutoCloseable {

    /** Exit code of an interrupted run: 128 + SIGINT's number, as shells report an interrupted command. */
    static final int EXIT = 130;

    private final AtomicInteger signals = new AtomicInteger();
    private final List<Signal> taken = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile Runnable onFirst = () -> { };

    private Interrupts() {
    }

    /**
     * Takes SIGINT and SIGTERM until {@link #close()}; {@code err} gets one line per signal. Where signals cannot be
     * taken (another platform), the JVM's default stays.
     */
    static Interrupts install(PrintWriter err) {
        Interrupts i = new Interrupts();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                i.previous.add(Signal.handle(signal, s -> i.received(s, err)));
                i.taken.add(signal);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not available here (or already used by the JVM): keep the default
            }
        }
        return i;
    }

    /** What the first signal does (e.g. {@code rslc::stop}); runs at once if a signal already came. */
    void onFirst(Runnable action) {
        onFirst = action;
        if (signals.get() > 0) {
            action.run();
        }
    }

    /** Whether a signal came. */
    boolean interrupted() {
        return signals.get() > 0;
    }

    private void received(Signal s, PrintWriter err) {
        if (signals.incrementAndGet() == 1) {
            err.println("rslc: interrupted (SIG" + s.getName() + "): the transaction in flight finishes or rolls back, "
                    + "no new one starts; signal again to stop at once");
            err.flush();
            onFirst.run();
        } else {
            err.println("rslc: interrupted again (SIG" + s.getName() + "): stopping at once; the transaction in "
                    + "flight rolls back, run again to continue");
            err.flush();
            Runtime.getRuntime().halt(EXIT);
        }
    }

    @Override
    public void close() {
        for (int n = 0; n < taken.size(); n++) {
            Signal.handle(taken.get(n), previous.get(n));
        }
    }
}
