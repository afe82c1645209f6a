package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.Rslc;
import io.rslc.api.PlanOptions;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import io.rslc.cli.standin.RedshiftStandIn;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.exec.ExecutorSettings;
import io.rslc.internal.store.CsvRuleStore;
import io.rslc.internal.warehouse.JdbcDataSource;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's 3-year daily backfill (2021-01-01, 1,096 days, retention 90 as of 2024-01-01: 1,005 day slices due)
 * through the Redshift stand-in, run one slice per transaction ({@code --batch-rows 0}, the path before batches)
 * and batched (the default row budget): UNLOAD, DELETE and COMMIT statements as the cluster receives them, every
 * slice journaled either way, the same rows archived; then the steady state, one day due. Rows per day:
 * {@code -Drslc.batchCounts.rowsPerDay} (default 20: the counts do not depend on it while a batch fits the budget;
 * docs/performance.md gives them for the bench's 5,000 rows a day).
 */
class RedshiftBatchCountsIT {

    static final LocalDate START = LocalDate.of(2021, 1, 1);
    static final int DAYS = 1096;
    static final LocalDate AS_OF = LocalDate.of(2024, 1, 1);
    static final int DUE_DAYS = 1005;

    @TempDir
    Path tmp;

    record Counts(long unloads, long deletes, long commits, long journaled, long archived, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d UNLOAD, %d DELETE, %d COMMIT, %d slices journaled, %d rows, %.1f s",
                    unloads, deletes, commits, journaled, archived, seconds);
        }
    }

    @Test
    void aThreeYearBackfillCommitsAtLeastTwentyTimesLessOftenBatchedWithEverySliceJournaled() throws Exception {
        int perDay = Integer.getInteger("rslc.batchCounts.rowsPerDay", 20);
        RedshiftStandIn standIn = RedshiftStandIn.start();
        Counts before = backfill(standIn, "before", 0, perDay);
        Counts after = backfill(standIn, "after", ExecutorSettings.DEFAULT_BATCH_ROWS, perDay);
        System.out.println("3-year backfill, " + perDay + " rows/day, one slice per transaction: " + before);
        System.out.println("3-year backfill, " + perDay + " rows/day, batched: " + after);

        assertThat(before.unloads()).isEqualTo(DUE_DAYS);
        assertThat(before.commits()).isGreaterThanOrEqualTo(DUE_DAYS);
        assertThat(after.journaled()).isEqualTo(before.journaled()).isEqualTo(DUE_DAYS);
        assertThat(after.archived()).isEqualTo(before.archived()).isEqualTo((long) DUE_DAYS * perDay);
        assertThat(after.commits() * 20).as("at least 20x fewer commits").isLessThanOrEqualTo(before.commits());
        assertThat(after.unloads() * 20).isLessThanOrEqualTo(before.unloads());
        assertThat(after.deletes() * 20).isLessThanOrEqualTo(before.deletes());
    }

    private Counts backfill(RedshiftStandIn standIn, String name, long batchRows, int perDay) throws Exception {
        RedshiftStandIn.Urls urls = standIn.newDatabase();
        TestDatabase.exec(urls.postgres(), "CREATE TABLE public.t (id BIGINT, d DATE NOT NULL, note TEXT)",
                "INSERT INTO public.t SELECT g, DATE '" + START + "' + ((g - 1) / " + perDay + ")::int, 'row ' || g"
                        + " FROM generate_series(1, " + (long) DAYS * perDay + ") g");
        Path csv = tmp.resolve(name + ".csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + "\n"
                + "public,t,d,daily,90,s3://" + RedshiftStandIn.BUCKET + "/counts/" + System.nanoTime() + "/t,"
                + ",,,,,,,,,,,10,2,\n");
        Counts backfill = run(standIn, urls, csv, batchRows, AS_OF);
        Counts steady = run(standIn, urls, csv, batchRows, AS_OF.plusDays(1));
        System.out.println("steady state (one day due), " + name + ": " + steady);
        assertThat(steady.unloads()).isEqualTo(1);
        assertThat(steady.deletes()).isEqualTo(1);
        assertThat(steady.archived()).isEqualTo(perDay);
        return backfill;
    }

    private Counts run(RedshiftStandIn standIn, RedshiftStandIn.Urls urls, Path csv, long batchRows, LocalDate asOf)
            throws Exception {
        Rslc rslc = Rslc.configure().dataSource(new JdbcDataSource(urls.redshift(), "postgres", ""))
                .warehouse(new RedshiftWarehouse("arn:aws:iam::123456789012:role/unload", "us-east-1", "rslc", 5,
                        Duration.ofMillis(50)))
                .ruleStore(CsvRuleStore.of(csv)).batchRows(batchRows).load();
        long journaledBefore = journaled(urls);
        List<String> sent = standIn.record();
        long started = System.nanoTime();
        RunReport report;
        try {
            report = rslc.run(new PlanOptions(asOf, ZoneOffset.UTC, null, Set.of()));
        } finally {
            standIn.stopRecording();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        TableReport t = report.tables().get(0);
        assertThat(t.status()).as(String.valueOf(t.error())).isEqualTo(TableReport.Status.OK);
        assertThat(t.rowsDeleted()).isEqualTo(t.rowsArchived());
        List<String> statements;
        synchronized (sent) {
            statements = List.copyOf(sent);
        }
        return new Counts(statements.stream().filter(s -> s.startsWith("UNLOAD")).count(),
                statements.stream().filter(s -> s.startsWith("DELETE FROM \"public\".\"t\"")).count(),
                statements.stream().filter(s -> s.equals("COMMIT")).count(),
                journaled(urls) - journaledBefore, t.rowsArchived(), seconds);
    }

    private static long journaled(RedshiftStandIn.Urls urls) throws Exception {
        try {
            return TestDatabase.count(urls.postgres(), "SELECT count(*) FROM rslc.slice_journal");
        } catch (Exception e) {
            return 0; // no journal yet
        }
    }
}
