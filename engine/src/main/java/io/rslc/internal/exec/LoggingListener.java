package io.rslc.internal.exec;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Granularity;
import io.rslc.api.Rule;
import io.rslc.api.RunListener;
import io.rslc.api.TablePlan;
import io.rslc.api.TableReport;
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

    private final Logger log;

    public LoggingListener() {
        this(LoggerFactory.getLogger("rslc"));
    }

    public LoggingListener(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void tableStarted(TablePlan plan) {
        log.info("TABLE: {}", plan.rule().table());
        if (plan.slices().isEmpty()) {
            log.info("INFO: Nothing due below the cutoff {} ({})", plan.cutoff().date(), plan.note());
        } else {
            log.info("INFO: Cutoff {}: {} {} of data comprising {} row(s) due", plan.cutoff().date(),
                    plan.slices().size(), unit(plan.rule()), plan.rows());
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
            log.info("INFO: {}", note);
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
