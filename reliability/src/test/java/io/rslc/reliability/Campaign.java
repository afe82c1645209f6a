package io.rslc.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The campaign's settings and its tally. {@code -Drslc.campaign=full} runs every instance (docs/reliability.md);
 * the default, {@code quick}, runs a sample of each scenario in the normal build. Every instance works under
 * {@code target/campaign/} so what the runs wrote (outputs, reports, archives) can be searched afterwards.
 */
final class Campaign {

    static final boolean FULL = "full".equalsIgnoreCase(System.getProperty("rslc.campaign", "quick"));
    static final long SEED = Long.getLong("rslc.campaign.seed", 20200620L);
    static final String PASSWORD_ENV = "RSLC_CAMPAIGN_PASSWORD";
    static final Path ROOT = Path.of("target", "campaign").toAbsolutePath();

    /** {@code -Drslc.campaign.only=REGEX}: run only the instances whose id matches (to reproduce one). */
    static final String ONLY = System.getProperty("rslc.campaign.only", "");

    private static final Map<String, Row> TALLY = new LinkedHashMap<>();

    private Campaign() {
    }

    /** Whether an instance runs: with ONLY, those it matches; else full runs all, quick those marked quick. */
    static boolean selected(boolean quick, String id) {
        if (!ONLY.isEmpty()) {
            return java.util.regex.Pattern.compile(ONLY).matcher(id).find();
        }
        return FULL || quick;
    }

    /** The campaign user's password; the surefire configuration of this module sets it. */
    static String password() {
        String pw = System.getenv(PASSWORD_ENV);
        Assumptions.assumeTrue(pw != null && pw.length() >= 16,
                PASSWORD_ENV + " is not set: run the campaign through Maven (reliability/pom.xml sets it)");
        return pw;
    }

    /** A fresh folder for one instance. */
    static Path dir(String scenario, String instance) {
        Path d = ROOT.resolve(scenario).resolve(instance.replaceAll("[^A-Za-z0-9_.=-]", "_"));
        try {
            if (Files.exists(d)) {
                try (var walk = Files.walk(d)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /** Wall time of an instance's phases, appended to {@code dir/timings.txt}. */
    static final class Phases {
        private final Path file;
        private long last = System.nanoTime();

        Phases(Path dir) {
            this.file = dir.resolve("timings.txt");
        }

        void mark(String phase) {
            long now = System.nanoTime();
            try {
                Files.writeString(file, String.format(Locale.ROOT, "%-24s %6d ms%n", phase, (now - last) / 1_000_000),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last = now;
        }
    }

    /** One line of the results table. */
    static final class Row {
        final String scenario;
        int instances;
        int faults;
        long rowsChecked;
        long lost;
        long doubled;
        final Map<String, Integer> outcomes = new LinkedHashMap<>();

        Row(String scenario) {
            this.scenario = scenario;
        }
    }

    /** Adds one finished instance's measurements to its scenario's line (before its assertions run). */
    static synchronized void record(String scenario, int faults, Check.Counts counts, String outcome) {
        Row r = TALLY.computeIfAbsent(scenario, Row::new);
        r.instances++;
        r.faults += faults;
        r.rowsChecked += counts.checked();
        r.lost += counts.lost();
        r.doubled += counts.doubled();
        r.outcomes.merge(outcome, 1, Integer::sum);
        write();
    }

    private static String outcomes(Row r) {
        List<String> parts = new ArrayList<>();
        r.outcomes.forEach((o, n) -> parts.add(n == r.instances ? o : o + " ×" + n));
        return String.join("; ", parts);
    }

    /** The tally so far as a Markdown table, in {@code target/campaign/results-<mode>.md}. */
    private static void write() {
        StringBuilder sb = new StringBuilder("| scenario | instances | faults | outcome | rows checked | lost | doubled |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Row r : TALLY.values()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %,d | %d | %d |%n", r.scenario, r.instances,
                    r.faults, outcomes(r), r.rowsChecked, r.lost, r.doubled));
        }
        try {
            Files.createDirectories(ROOT);
            Files.writeString(ROOT.resolve("results-" + (FULL ? "full" : "quick") + ".md"), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
