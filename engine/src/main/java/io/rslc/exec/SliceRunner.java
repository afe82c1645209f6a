package io.rslc.exec;

import io.rslc.config.Rule;
import io.rslc.plan.SlicePlan;
import io.rslc.warehouse.ArchivedSlice;
import io.rslc.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Runs one slice in one transaction at snapshot isolation: archive, verify, delete, verify, journal, commit.
 * A serialization conflict rolls back and retries the whole slice with backoff; any other error or a count
 * mismatch rolls back and is thrown. Nothing of a rolled-back attempt stays visible: the DELETE is undone, and
 * its files sit in the attempt folder that the next attempt of the same slice cleans first.
 */
final class SliceRunner {

    private final Warehouse warehouse;
    private final Journal journal;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;

    SliceRunner(Warehouse warehouse, Journal journal, Clock clock, int maxAttempts, Duration backoff) {
        this.warehouse = warehouse;
        this.journal = journal;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    SliceReport run(Connection c, Rule rule, SlicePlan plan, String runId) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Instant started = clock.instant();
            c.setAutoCommit(true);
            c.setTransactionIsolation(warehouse.sliceIsolation());
            c.setAutoCommit(false);
            try {
                SliceReport report = attempt(c, rule, plan, runId, attempt, started);
                c.commit();
                CrashPoints.reach("after-commit");
                return report;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                if (!warehouse.isSerializationFailure(e) || attempt >= maxAttempts) {
                    throw e;
                }
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            } catch (RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private SliceReport attempt(Connection c, Rule rule, SlicePlan plan, String runId, int attempt, Instant started)
            throws SQLException {
        ArchivedSlice archived = null;
        if (rule.mode().archives()) {
            archived = warehouse.archive(c, rule, plan.slice(), plan.generation());
            CrashPoints.reach("after-archive");
        }
        long deleted = 0;
        if (rule.mode().deletes()) {
            try (Statement st = c.createStatement()) {
                deleted = st.executeLargeUpdate(warehouse.sql().delete(rule, plan.slice()));
            }
            if (archived != null && deleted != archived.rows()) {
                throw new SliceFailure(String.format(Locale.ROOT, "slice %s: archived %d row(s) but the DELETE "
                        + "removed %d; rolled back, nothing deleted", plan.slice(), archived.rows(), deleted));
            }
        }
        long rowsArchived = archived == null ? 0 : archived.rows();
        journal.record(c, new JournalEntry(runId, rule.table(), rule.column(), plan.slice(), plan.generation(),
                rule.mode().name().toLowerCase(Locale.ROOT), rowsArchived, deleted,
                archived == null ? null : archived.location(), archived == null ? 0 : archived.files(),
                archived == null ? 0 : archived.bytes(), started, clock.instant()));
        CrashPoints.reach("before-commit");
        return new SliceReport(plan.slice(), plan.generation(), rowsArchived, deleted,
                archived == null ? 0 : archived.files(), archived == null ? 0 : archived.bytes(),
                archived == null ? null : archived.location(), attempt, Duration.between(started, clock.instant()));
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
