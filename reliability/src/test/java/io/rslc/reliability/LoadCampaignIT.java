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
