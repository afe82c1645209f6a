package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7 of the campaign, load (full mode only): one configuration of 1,000 tables, planned offline and run
 * by one child JVM ({@code -Xmx256m}), 15 failing on purpose (a missing column, a dropped table) to show that a
 * table's failure stays its own. Wall time and the child's peak resident memory are measured and recorded.
 */
@Tag("campaign")
class LoadCampaignIT {

    static final int TABLES = 1_000;
    static final int DAYS = 3;
    static final int ROWS_PER_DAY = 5;

    @Test
    void aThousandTablesInOneConfiguration() throws Exception {
        Assumptions.assumeTrue(Campaign.selected(false, "load-1000-tables"), "full mode only");
        Path dir = Campaign.dir("load", "load-1000-tables");
        Target target = Target.postgres();
        try {
            target.exec("CREATE SCHEMA s AUTHORIZATION " + Target.USER,
                    "DO $$ BEGIN FOR i IN 0.." + (TABLES - 1) + " LOOP "
                            + "EXECUTE format('CREATE TABLE s.%I (id BIGINT, d DATE, note TEXT)', 't' || lpad(i::text, 4, '0')); "
                            + "EXECUTE format('INSERT INTO s.%I SELECT g, DATE ''2020-06-01'' + (g %% " + DAYS + "), ''n'' || g "
                            + "FROM generate_series(1, " + (DAYS * ROWS_PER_DAY) + ") g', 't' || lpad(i::text, 4, '0')); "
                            + "EXECUTE format('ALTER TABLE s.%I OWNER TO " + Target.USER + "', 't' || lpad(i::text, 4, '0')); "
                            + "END LOOP; END $$");
            List<String> lines = new ArrayList<>(List.of(String.join(",", RuleFields.ORIGINAL)));
            for (int i = 0; i < TABLES; i++) {
                String t = String.format("t%04d", i);
                String column = i % 100 == 7 ? "nope" : "d"; // 10 rules name a missing column
                lines.add("s," + t + "," + column + ",daily,5," + dir.resolve("archive").resolve(t) + ",CSV,,,,,,,gzip,,,,"
                        + (i % 10) + ",2,");
            }
            Path rules = dir.resolve("rules.csv");
            Files.write(rules, lines);
            for (int i = 0; i < TABLES; i += 200) { // 5 tables dropped after the configuration was written
                target.exec(String.format("DROP TABLE s.t%04d", i + 3));
            }

            long planStart = System.nanoTime();
            Rslc.Result plan = Rslc.inProcess(dir, "plan", List.of("plan", "--config", rules.toString(), "--as-of",
                    Subject.AS_OF, "--warehouse", "postgresql"));
            long planMs = (System.nanoTime() - planStart) / 1_000_000;
            assertThat(plan.exit()).as(plan.err()).isZero();
            assertThat(plan.out()).contains(TABLES + " table(s) planned");

            Rslc.Launch l = KillCampaignIT.launch(dir.resolve("run"), target);
            List<String> args = new ArrayList<>(List.of("run", "--config", rules.toString(), "--as-of", Subject.AS_OF));
            args.addAll(target.connection());
            long runStart = System.nanoTime();
            Process p = l.start(args);
            long peakKb = 0;
            while (p.isAlive()) {
                peakKb = Math.max(peakKb, peakRssKb(p.pid()));
                Thread.sleep(100);
            }
            long runMs = (System.nanoTime() - runStart) / 1_000_000;
            String out = Rslc.read(l.dir.resolve("out.txt"));
            assertThat(p.exitValue()).as("some tables fail on purpose: " + Rslc.read(l.dir.resolve("err.txt")))
                    .isEqualTo(1);
            int failing = TABLES / 100 + TABLES / 200;
            assertThat(out).contains(TABLES + " table(s), " + failing + " failed, ");
            assertThat(count(out, "column nope")).as("each missing column reported once per table").isPositive();
            assertThat(target.count("SELECT count(DISTINCT table_name) FROM rslc.slice_journal"))
                    .isEqualTo(TABLES - failing);
            assertThat(target.count("SELECT count(*) FROM rslc.slice_journal")).as("one slice per due day")
                    .isEqualTo((long) (TABLES - failing) * DAYS);
            long ok = (long) (TABLES - failing) * DAYS * ROWS_PER_DAY;
            assertThat(target.count("SELECT sum(rows_archived) FROM rslc.slice_journal")).isEqualTo(ok);
            assertThat(target.count("SELECT sum(rows_deleted) FROM rslc.slice_journal")).isEqualTo(ok);
            long left = target.count("SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c "
                    + "FROM s.%I', table_name), false, true, '')))[1]::text::bigint) FROM information_schema.tables "
                    + "WHERE table_schema = 's'");
            assertThat(left).as("rows left: only the tables whose rule names a missing column keep theirs")
                    .isEqualTo((long) (TABLES / 100) * DAYS * ROWS_PER_DAY);
            Files.writeString(dir.resolve("measured.txt"), "plan " + planMs + " ms; run " + runMs + " ms; peak RSS "
                    + peakKb / 1024 + " MiB (-Xmx256m); rows left in the failing tables " + left + "\n");
            Campaign.record("load: 1,000 tables in one configuration (15 failing on purpose)", 0,
                    new Check.Counts(ok, 0, 0),
                    String.format("plan %.1f s, run %.1f s (exit 1: 15 FAILED, 985 OK), peak RSS %d MiB at -Xmx256m",
                            planMs / 1000.0, runMs / 1000.0, peakKb / 1024));
        } finally {
            target.drop();
        }
    }

    /**
     * Memory bound of docs/performance.md at 50 times its 1M-row size (full mode only, minutes): the same CSV
     * backfill of a 1M-row and a 50M-row table, each by a child JVM at the launcher's {@code -Xmx1g} serial GC;
     * the 50M-row run's peak resident memory must stay within 10 % of the 1M-row run's. Rows are counted (journal,
     * table, {@code rslc verify} reading every file), not checked by id.
     */
    @Test
    void fiftyMillionRowsWithinTheMemoryBound() throws Exception {
        Assumptions.assumeTrue(Campaign.selected(false, "load-50m-rows"), "full mode only");
        Path dir = Campaign.dir("load", "load-50m-rows");
        Target target = Target.postgres();
        try {
            target.exec("CREATE SCHEMA s AUTHORIZATION " + Target.USER);
            long[] small = backfill(target, dir, "t1m", 1_000_000);
            long[] big = backfill(target, dir, "t50m", 50_000_000);
            Files.writeString(dir.resolve("measured.txt"), "1M rows: " + small[0] + " ms, peak RSS " + small[1] / 1024
                    + " MiB; 50M rows: " + big[0] + " ms, peak RSS " + big[1] / 1024 + " MiB\n");
            assertThat(big[1]).as("peak RSS at 50M rows within 10 % of the peak at 1M rows (KiB)")
                    .isLessThanOrEqualTo(small[1] * 110 / 100);
            Campaign.record("load: one table of 50M rows (CSV backfill, -Xmx1g)", 0, new Check.Counts(51_000_000, 0, 0),
                    String.format("50M rows in %.0f s, peak RSS %d MiB (1M rows: %d MiB); verify exit 0",
                            big[0] / 1000.0, big[1] / 1024, small[1] / 1024));
        } finally {
            target.drop();
        }
    }

    /** Fills {@code s.<table>} with {@code rows} rows over 500 days, all due; runs, verifies; {ms, peak RSS KiB}. */
    private static long[] backfill(Target target, Path dir, String table, long rows) throws Exception {
        target.exec("CREATE TABLE s." + table + " (id BIGINT, d DATE, note TEXT, amount NUMERIC(12,2), ts TIMESTAMPTZ)",
                "INSERT INTO s." + table + " SELECT g, DATE '2019-01-01' + (g % 500)::int, 'row ' || g, g * 0.01,"
                        + " TIMESTAMPTZ '2019-01-01 00:00+00' + g * interval '1 second' FROM generate_series(1, " + rows + ") g",
                "ALTER TABLE s." + table + " OWNER TO " + Target.USER);
        Path rules = dir.resolve(table + ".csv");
        Files.write(rules, List.of(String.join(",", RuleFields.ORIGINAL), "s," + table + ",d,daily,11,"
                + dir.resolve("archive-" + table) + ",CSV,,,,,,,,,,,10,2,"));
        Rslc.Launch l = KillCampaignIT.launch(dir.resolve("run-" + table), target).jvm(List.of("-Xmx1g"));
        List<String> args = new ArrayList<>(List.of("run", "--config", rules.toString(), "--as-of", Subject.AS_OF));
        args.addAll(target.connection());
        long start = System.nanoTime();
        Process p = l.start(args);
        long peakKb = 0;
        while (p.isAlive()) {
            peakKb = Math.max(peakKb, peakRssKb(p.pid()));
            Thread.sleep(10);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(p.exitValue()).as(Rslc.read(l.dir.resolve("err.txt"))).isZero();
        assertThat(target.count("SELECT sum(rows_archived) FROM rslc.slice_journal WHERE table_name = '" + table + "'"))
                .isEqualTo(rows);
        assertThat(target.count("SELECT count(*) FROM s." + table)).isZero();
        List<String> verify = new ArrayList<>(List.of("verify", "--config", rules.toString()));
        verify.addAll(target.connection());
        Rslc.Result v = Rslc.inProcess(dir, "verify-" + table, verify);
        assertThat(v.exit()).as(v.all()).isZero();
        target.exec("DROP TABLE s." + table);
        return new long[] {ms, peakKb};
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    /** VmHWM (peak resident set) of a live process, in KiB; 0 if it has ended. */
    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // ended between the check and the read
        }
        return 0;
    }
}
