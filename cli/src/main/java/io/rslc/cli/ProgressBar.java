package io.rslc.cli;

import io.rslc.api.RunListener;
import io.rslc.api.SliceReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TableReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar per table over its slices, with rows/s, redrawn in place. Only used on a terminal;
 * elsewhere the log lines are the progress.
 */
final class ProgressBar implements RunListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private TablePlan plan;
    private int done;
    private long rows;
    private Instant started;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** A bar on stderr when stderr is a terminal, else a listener that does nothing. */
    static RunListener ifTerminal() {
        return System.console() != null ? new ProgressBar(System.err) : new RunListener() { };
    }

    @Override
    public void tableStarted(TablePlan p) {
        plan = p;
        done = 0;
        rows = 0;
        started = Instant.now();
    }

    @Override
    public void sliceCommitted(TablePlan p, SliceReport s) {
        done++;
        rows += Math.max(s.rowsArchived(), s.rowsDeleted());
        int total = p.slices().size();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double secs = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        out.printf("\r  [%s%s] %d/%d slices, %,d rows, %,.0f rows/s ", "#".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, rows, rows / secs);
        out.flush();
    }

    @Override
    public void tableFinished(TableReport report) {
        if (plan != null && done > 0) {
            out.println();
        }
        plan = null;
    }
}
