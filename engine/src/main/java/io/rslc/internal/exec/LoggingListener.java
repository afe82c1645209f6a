package io.rslc.internal.exec;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Granularity;
import io.rslc.api.Rule;
import io.rslc.api.RunListener;
import io.rslc.api.SliceReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TableReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a run in the original job's words, so people and log searches that knew it keep working:
 * {@code TABLE: s.t}, {@code INFO: Unloaded 3 day(s) of data comprising 1200 row(s) to s3 location: ...},
 * {@code INFO: Deleted ...}, {@code INFO: Updated the checkpoint from: X to: Y} (a note of the table's report, written
 * by the executor, which alone knows whether the store kept it), {@code INFO: Vacuum done successfully}. Counts are
 * 64-bit and "days" are slices, not {@code count(distinct col)}.
 */
public final class LoggingListener implements RunListener {

    /** How often a table's progress is logged while it runs. */
    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Logger log;
    private final Clock clock;
    private final Duration every;
    private Instant tableStarted;
    private Instant lastLine;
    private int slices;
    private long rows;
    private long files;

    public LoggingListener() {
        this(LoggerFactory.getLogger("rslc"));
    }

    public LoggingListener(Logger log) {
        this(log, Clock.systemUTC(), PROGRESS_EVERY);
    }

    /** @param every at most one progress line per table per this interval, when slices commit */
    public LoggingListener(Logger log, Clock clock, Duration every) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.every = Objects.requireNonNull(every, "every");
    }

    @Override
    public void tableStarted(TablePlan plan) {
        tableStarted = clock.instant();
        lastLine = tableStarted;
        slices = 0;
        rows = 0;
        files = 0;
        log.info("TABLE: {}", plan.rule().table());
        if (plan.slices().isEmpty()) {
            log.info("INFO: Nothing due below the cutoff {} ({})", plan.cutoff().date(), plan.note());
        } else {
            log.info("INFO: Cutoff {}: {} {} of data comprising {} row(s) due", plan.cutoff().date(),
                    plan.slices().size(), unit(plan.rule()), plan.rows());
        }
    }

    /**
     * Long work is never silent: once {@link #PROGRESS_EVERY} has passed since the table started (or since the last
     * line), the next commit logs {@code INFO: Progress s.t: 12 of 40 slice(s), 240000 row(s), 12 file(s), 95000
     * row(s)/s}.
     */
    @Override
    public void sliceCommitted(TablePlan plan, SliceReport slice) {
        slices++;
        rows += Math.max(slice.rowsArchived(), slice.rowsDeleted());
        files += slice.files();
        Instant now = clock.instant();
        if (lastLine != null && Duration.between(lastLine, now).compareTo(every) >= 0) {
            lastLine = now;
            double seconds = Math.max(0.001, Duration.between(tableStarted, now).toMillis() / 1000.0);
            log.info("INFO: Progress {}: {} of {} slice(s), {} row(s), {} file(s), {} row(s)/s", plan.rule().table(),
                    slices, plan.slices().size(), rows, files, Math.round(rows / seconds));
        }
    }

    @Override
    public void tableFinished(TableReport r) {
        Rule rule = r.rule();
        if (r.status() != TableReport.Status.OK && r.slices().isEmpty() && r.error() != null) {
            log.info("TABLE: {}", rule.table());
        }
        int n = r.slices().size();
        if (rule.mode().archives() && n > 0) {
            ArchiveLocation loc = rule.unload().location();
            log.info("INFO: Unloaded {} {} of data comprising {} row(s) to {}location: {}", n, unit(rule),
                    r.rowsArchived(), loc.kind() == ArchiveLocation.Kind.S3 ? "s3 " : "", loc.root());
        }
        if (rule.mode().deletes() && n > 0) {
            log.info("INFO: Deleted {} {} of data comprising {} row(s)", n, unit(rule), r.rowsDeleted());
        }
        for (String m : r.maintenance()) {
            log.info("INFO: {} done successfully", m.startsWith("VACUUM") ? "Vacuum" : "Analyze");
        }
        for (String note : r.notes()) {
            if (note.startsWith("WARNING: ")) {
                log.warn("{}", note);
            } else {
                log.info("INFO: {}", note);
            }
        }
        switch (r.status()) {
            case BUSY -> log.warn("WARNING: {}", r.error());
            case STOPPED -> log.info("INFO: {} {}", rule.table(), r.error());
            case FAILED -> log.error("ERROR: {} failed: {}", rule.table(), r.error());
            default -> { }
        }
    }

    private static String unit(Rule rule) {
        return rule.granularity() == Granularity.DAILY ? "day(s)" : "month(s)";
    }
}
