package io.rslc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark harness: rslc against the raw-SQL limit on a private PostgreSQL, the peak RSS series, and JMH
 * for the planner. See docs/performance.md; run with {@code bench/run [--quick]}.
 */
public final class Main {

    /** Data: three years of days, as of the day after. */
    static final LocalDate START = LocalDate.of(2021, 1, 1);
    static final int DAYS = 1096;
    static final LocalDate AS_OF = LocalDate.of(2024, 1, 1);
    static final long TIMEOUT = 3 * 3600;

    private final Options o;
    private final Path work;
    private final Path jar;
    private final StringBuilder log = new StringBuilder();
    private Pg pg;
    private WireCounter counter;
    private final Data data = new Data();
    private final List<Case> cases = new ArrayList<>();
    private final List<RssPoint> rss = new ArrayList<>();
    private final List<String[]> jmh = new ArrayList<>();
    private final List<PlanFull.Result> planFull = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double maxLoad;

    private Main(Options o, Path work, Path jar) {
        this.o = o;
        this.work = work;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(o.jar)) {
            System.err.println("bench: no rslc jar at " + o.jar + " (build it: mvn -q -DskipTests -pl cli -am package)");
            System.exit(2);
        }
        Path work = o.work != null ? Files.createDirectories(o.work) : Files.createTempDirectory("rslc-bench-");
        Path jar = work.resolve("rslc.jar");
        if (!o.jar.equals(jar)) {
            Files.copy(o.jar, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        Main m = new Main(o, work, jar);
        Thread cleanup = new Thread(m::cleanup, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int exit = 0;
        try {
            m.run();
        } catch (Exception e) {
            System.err.println("bench: FAILED: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private void cleanup() {
        if (counter != null) {
            try {
                counter.close();
            } catch (IOException e) {
                // ignore
            }
        }
        if (pg != null) {
            pg.close();
        }
        if (!o.keep) {
            deleteTree(work);
        }
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        progress("work directory " + work + (o.keep ? " (kept)" : " (removed at the end; --keep keeps it)"));
        String env = environment();
        progress(env.replace("\n", "\n  "));
        boolean needDb = o.workloads.stream().anyMatch(w -> !w.equals("jmh"));
        if (needDb) {
            pg = Pg.start(o.pgBin, work);
            counter = new WireCounter(pg.port);
            progress("PostgreSQL on 127.0.0.1:" + pg.port + ": " + pg.version());
            if (o.cds) {
                recordClassArchive();
            }
            defineCases();
            runCases();
            if (o.workloads.contains("rss")) {
                try {
                    runRss();
                } catch (Exception e) {
                    failed("peak RSS series", e);
                }
            }
            pg.close();
            pg = null;
        }
        if (o.workloads.contains("jmh")) {
            try {
                runJmh();
            } catch (Exception e) {
                failed("JMH", e);
            }
        }
        if (o.planFull) {
            for (String w : List.of("postgresql", "redshift")) {
                progress("planning 10,000 rules x 1,000 slices (" + w + ") ...");
                try {
                    PlanFull.Result r = PlanFull.run(w, 10_000, 1_000);
                    planFull.add(r);
                    progress(String.format(Locale.ROOT, "  %.1f s, %.0f ns per slice", r.seconds(), r.nsPerSlice()));
                } catch (RuntimeException e) {
                    failed("full-size planning", e);
                }
            }
        }
        String report = report(env, started);
        System.out.println();
        System.out.println(report);
        Path out = o.out != null ? o.out : o.root.resolve("bench/target/results/bench-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        progress("results written to " + out);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Workloads

    /** One contender on one workload variant. */
    final class Case {
        final String workload;
        final String variant;
        final Contender contender;
        final Contender.Spec spec;
        final SetupFn setup;
        final LocalDate yesterday;
        final LocalDate asOf;
        final long dueRows;
        final String remainingSql;
        final long remaining;
        int runs;
        Case limit;
        String target;
        double targetMax;
        boolean targetIsRatio;
        final List<RunResult1> results = new ArrayList<>();
        WireCounter.Counts counts;
        String countNote;
        String profile;

        Case(String workload, String variant, Contender contender, Contender.Spec spec, SetupFn setup,
             LocalDate yesterday, LocalDate asOf, long dueRows, String remainingSql, long remaining) {
            this.workload = workload;
            this.variant = variant;
            this.contender = contender;
            this.spec = spec;
            this.setup = setup;
            this.yesterday = yesterday;
            this.asOf = asOf;
            this.dueRows = dueRows;
            this.remainingSql = remainingSql;
            this.remaining = remaining;
            this.runs = o.runs;
        }

        String id() {
            return (workload + "-" + variant + "-" + contender.label).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }

        String title() {
            return workload + " / " + variant + " / " + contender.label;
        }

        double median() {
            return Main.median(results.stream().mapToDouble(RunResult1::seconds).toArray());
        }

        Double ratio() {
            return limit == null || limit.results.isEmpty() || results.isEmpty() ? null : median() / limit.median();
        }

        /** null: no target; else whether the median (or the ratio) is within it. */
        Boolean met() {
            if (target == null || results.isEmpty()) {
                return null;
            }
            Double v = targetIsRatio ? ratio() : Double.valueOf(median());
            return v == null ? null : v <= targetMax;
        }

        /** Missed its target, or within 20 % of it. */
        boolean nearOrMissed() {
            if (target == null || results.isEmpty()) {
                return false;
            }
            Double v = targetIsRatio ? ratio() : Double.valueOf(median());
            return v != null && v > 0.8 * targetMax;
        }

        Case target(String text, double max, boolean ratio) {
            this.target = text;
            this.targetMax = max;
            this.targetIsRatio = ratio;
            return this;
        }
    }

    interface SetupFn {
        void apply(Connection c) throws SQLException;
    }

    /** One timed run. */
    record RunResult1(double seconds, long rssKb, long statements, long commits, long rollbacks, double execMs,
                      List<Pg.Stats.Top> top, long outBytes, Double inRunSeconds, long dealloc, double load,
                      double cpuSeconds) {
    }

    record RssPoint(String format, long tableRows, long dueRows, double seconds, long rssKb, double setupSeconds,
                    Double inRunSeconds, double cpuSeconds) {
    }

    /**
     * What the {@code rslc} launcher does once per build: a separate JVM plans the sample configuration offline
     * and records the classes it loads ({@code -XX:ArchiveClassesAtExit}); every rslc run maps them
     * ({@code -XX:SharedArchiveFile}), as the launcher's runs do.
     */
    private void recordClassArchive() throws Exception {
        Path dir = work.resolve("runs").resolve("class-archive");
        Files.createDirectories(dir);
        Path jsa = work.resolve("rslc.jsa");
        List<String> quiet = List.of("-Xlog:cds*=off", "-Xlog:class+path=off");
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(o.javaOptions);
        cmd.add("-XX:ArchiveClassesAtExit=" + jsa);
        cmd.addAll(quiet);
        cmd.addAll(List.of("-jar", jar.toString(), "plan", "--config",
                o.root.resolve("sample/test_configuration.csv").toString(), "--warehouse", "postgresql",
                "--as-of", "2024-01-01"));
        Proc.Result r = Proc.run(cmd, dir.resolve("plan.log"), false, TIMEOUT);
        if (r.exit() != 0 || !Files.isRegularFile(jsa)) {
            throw new IllegalStateException("recording the class-data archive failed (exit " + r.exit() + "): see "
                    + dir.resolve("plan.log") + "; --no-cds runs without one");
        }
        List<String> options = new ArrayList<>(o.javaOptions);
        options.add("-XX:SharedArchiveFile=" + jsa);
        options.addAll(quiet);
        o.javaOptions = options;
        progress("class-data archive recorded: " + jsa + " (" + Files.size(jsa) / 1024 / 1024 + " MiB)");
    }

    private void defineCases() throws SQLException {
        List<String> javaOpts = o.javaOptions;
        Contender rslc = new Contender.Rslc("rslc run", jar, javaOpts, o.rslcArgs);
        Contender limit = new Contender.Psql("psql one-shot (limit)", false);
        Contender loop = new Contender.Psql("psql per-day loop", true);
        Data.Shape big = new Data.Shape(START, DAYS, o.rowsPerDay);
        boolean any = o.workloads.contains("backfill") || o.workloads.contains("steady") || o.workloads.contains("monthly")
                || o.workloads.contains("ops");
        if (any) {
            try (Connection c = pg.bench()) {
                progress(String.format(Locale.ROOT, "generating %,d rows (%d days x %,d rows/day) ...", big.rows(),
                        big.days(), big.rowsPerDay()));
                progress(String.format(Locale.ROOT, "  %.1f s", data.ensureTemplate(c, big)));
            }
        }
        String t = "public.t";
        String remainingAll = "SELECT count(*) FROM " + t;
        if (o.workloads.contains("backfill")) {
            LocalDate cutoff = AS_OF.minusDays(90);
            long due = daysBetween(START, cutoff) * o.rowsPerDay;
            long keep = big.rows() - due;
            for (boolean index : List.of(true, false)) {
                String idx = index ? "index" : "no index";
                SetupFn setup = c -> Data.copyTable(c, big, "public", "t", "d", null, index);
                Contender.Spec csv = new Contender.Spec(List.of(t), "d", false, 90, "CSV", null, null, START);
                Contender.Spec parquet = new Contender.Spec(List.of(t), "d", false, 90, "PARQUET", null, null, START);
                Case lim = add(new Case("1 backfill", "CSV, " + idx, limit, csv, setup, null, AS_OF, due, remainingAll, keep));
                add(new Case("1 backfill", "CSV, " + idx, rslc, csv, setup, null, AS_OF, due, remainingAll, keep))
                        .target("<= 1.3x limit", 1.3, true).limit = lim;
                if (o.perSlice) {
                    Case c = add(new Case("1 backfill", "CSV, " + idx,
                            new Contender.Rslc("rslc run --batch-rows 0", jar, javaOpts, concat(o.rslcArgs, "--batch-rows", "0")),
                            csv, setup, null, AS_OF, due, remainingAll, keep));
                    c.limit = lim;
                    if (!index) {
                        c.runs = Math.min(o.runs, o.slowRuns);
                    }
                }
                if (index || !o.skipSlowLoop) {
                    Case l = add(new Case("1 backfill", "CSV, " + idx, loop, csv, setup, null, AS_OF, due, remainingAll, keep));
                    l.limit = lim;
                    if (!index) {
                        l.runs = Math.min(o.runs, o.slowRuns);
                    }
                }
                add(new Case("1 backfill", "PARQUET, " + idx, rslc, parquet, setup, null, AS_OF, due, remainingAll, keep))
                        .target("<= 2x CSV limit", 2.0, true).limit = lim;
            }
        }
        if (o.workloads.contains("steady")) {
            // the table as a daily run leaves it: 90 kept days plus the two newest due days; "yesterday's" run
            // (untimed, by the same contender) removes the older one, the timed run the newer one
            LocalDate cutoff = AS_OF.minusDays(90);
            LocalDate from = cutoff.minusDays(2);
            long keep = daysBetween(cutoff, START.plusDays(DAYS)) * o.rowsPerDay;
            for (boolean index : List.of(true, false)) {
                String idx = index ? "index" : "no index";
                SetupFn setup = c -> Data.copyTable(c, big, "public", "t", "d", from, index);
                Contender.Spec csv = new Contender.Spec(List.of(t), "d", false, 90, "CSV", null, null, from);
                Case lim = add(new Case("2 steady state", "CSV, " + idx, limit, csv, setup, AS_OF.minusDays(1), AS_OF,
                        o.rowsPerDay, remainingAll, keep));
                add(new Case("2 steady state", "CSV, " + idx, rslc, csv, setup, AS_OF.minusDays(1), AS_OF,
                        o.rowsPerDay, remainingAll, keep)).target("< 2 s", 2.0, false).limit = lim;
            }
            add(new Case("2 steady state", "no database", new Contender.JvmStart(jar, javaOpts),
                    new Contender.Spec(List.of(), "d", false, 90, "CSV", null, null, from), c -> { }, null, AS_OF, 0,
                    null, 0));
        }
        if (o.workloads.contains("many")) {
            LocalDate cutoff = AS_OF.minusDays(90);
            LocalDate from = cutoff.minusDays(2);
            Data.Shape small = new Data.Shape(from, 92, o.manyRowsPerDay);
            try (Connection c = pg.bench()) {
                data.ensureTemplate(c, small);
            }
            List<String> tables = new ArrayList<>();
            StringBuilder union = new StringBuilder("SELECT sum(n) FROM (");
            for (int i = 1; i <= o.manyTables; i++) {
                String name = String.format(Locale.ROOT, "test.ret_test_%03d", i);
                tables.add(name);
                union.append(i > 1 ? " UNION ALL " : "").append("SELECT count(*) AS n FROM ").append(name);
            }
            union.append(") AS x");
            SetupFn setup = c -> {
                for (String name : tables) {
                    Data.copyTable(c, small, "test", name.substring(5), "load_date", null, true);
                }
            };
            long keep = 90L * o.manyRowsPerDay * o.manyTables;
            long due = (long) o.manyRowsPerDay * o.manyTables;
            String variant = o.manyTables + " tables x " + o.manyRowsPerDay + " rows/day";
            Contender.Spec sample = new Contender.Spec(tables, "load_date", false, 90, "PARQUET", "load_date", "1 gb", from);
            Contender.Spec csv = new Contender.Spec(tables, "load_date", false, 90, "CSV", null, null, from);
            Case lim = add(new Case("3 many tables", variant, limit, csv, setup, AS_OF.minusDays(1), AS_OF, due, union.toString(), keep));
            add(new Case("3 many tables", variant, new Contender.Rslc("rslc run (sample config: PARQUET, partitioned)", jar,
                    javaOpts, o.rslcArgs), sample, setup, AS_OF.minusDays(1), AS_OF, due, union.toString(), keep))
                    .target("< 30 s", 30, false).limit = lim;
            add(new Case("3 many tables", variant, new Contender.Rslc("rslc run (CSV)", jar, javaOpts, o.rslcArgs), csv,
                    setup, AS_OF.minusDays(1), AS_OF, due, union.toString(), keep)).target("< 30 s", 30, false).limit = lim;
        }
        if (o.workloads.contains("ops")) {
            // the archive of the 3-year backfill (rslc run as of AS_OF - 1), then status or verify on it
            LocalDate cutoff = AS_OF.minusDays(91);
            long keep = big.rows() - daysBetween(START, cutoff) * o.rowsPerDay;
            SetupFn setup = c -> Data.copyTable(c, big, "public", "t", "d", null, true);
            for (String format : List.of("CSV", "PARQUET")) {
                Contender.Spec spec = new Contender.Spec(List.of(t), "d", false, 90, format, null, null, START);
                for (String op : List.of("status", "verify")) {
                    if (op.equals("status") && format.equals("PARQUET")) {
                        continue;
                    }
                    add(new Case("5 archive ops", "backfill archive, " + format, new Contender.ArchiveOp(op, jar,
                            javaOpts, AS_OF), spec, setup, AS_OF.minusDays(1), AS_OF, 0, remainingAll, keep));
                }
            }
            LocalDate from = AS_OF.minusDays(92);
            Data.Shape small = new Data.Shape(from, 92, o.manyRowsPerDay);
            try (Connection c = pg.bench()) {
                data.ensureTemplate(c, small);
            }
            List<String> tables = new ArrayList<>();
            for (int i = 1; i <= o.manyTables; i++) {
                tables.add(String.format(Locale.ROOT, "test.ret_test_%03d", i));
            }
            SetupFn many = c -> {
                for (String name : tables) {
                    Data.copyTable(c, small, "test", name.substring(5), "load_date", null, true);
                }
            };
            Contender.Spec sample = new Contender.Spec(tables, "load_date", false, 90, "PARQUET", "load_date", "1 gb", from);
            for (String op : List.of("status", "verify")) {
                add(new Case("5 archive ops", o.manyTables + " tables, sample config", new Contender.ArchiveOp(op, jar,
                        javaOpts, AS_OF), sample, many, AS_OF.minusDays(1), AS_OF, 0, null, 0));
            }
        }
        if (o.workloads.contains("monthly")) {
            LocalDate cutoff = AS_OF.withDayOfMonth(1).minusMonths(3);
            long due = daysBetween(START, cutoff) * o.rowsPerDay;
            SetupFn setup = c -> Data.copyTable(c, big, "public", "t", "d", null, false);
            Contender.Spec csv = new Contender.Spec(List.of(t), "d", true, 3, "CSV", null, null, START);
            String variant = "36 months, retention 3, CSV, no index";
            Case lim = add(new Case("4 monthly", variant, limit, csv, setup, null, AS_OF, due, remainingAll, big.rows() - due));
            add(new Case("4 monthly", variant, rslc, csv, setup, null, AS_OF, due, remainingAll, big.rows() - due)).limit = lim;
        }
    }

    private Case add(Case c) {
        cases.add(c);
        return c;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static long daysBetween(LocalDate a, LocalDate b) {
        return b.toEpochDay() - a.toEpochDay();
    }

    private void runCases() throws Exception {
        int maxRuns = cases.stream().mapToInt(c -> c.runs).max().orElse(0);
        // interleaved: run 1 of every case, then run 2 of every case, ...: slow drifts hit every contender alike
        for (int run = 1; run <= maxRuns; run++) {
            for (Case c : cases) {
                if (run <= c.runs) {
                    RunResult1 r = once(c, "run" + run, List.of(), false);
                    c.results.add(r);
                    progress(String.format(Locale.ROOT, "%-70s run %d/%d: %7.2f s%s", c.title(), run, c.runs, r.seconds(),
                            r.rssKb() > 0 ? String.format(Locale.ROOT, ", peak RSS %d MiB", r.rssKb() >> 10) : ""));
                }
            }
        }
        if (o.count) {
            for (Case c : cases) {
                if (!c.contender.needsDatabase()) {
                    continue;
                }
                if (c.results.stream().anyMatch(r -> r.seconds() > 120)) {
                    // minutes per run: not run again just to count. psql sends every statement as one simple Query
                    // and waits for it, so its round trips are its statements
                    c.countNote = c.contender.isRslc() ? "not counted (slow)"
                            : "not counted through the proxy (slow); psql: round trips = statements";
                    continue;
                }
                try {
                    once(c, "count", List.of(), true);
                    progress(String.format(Locale.ROOT, "%-70s counted: %d round trips", c.title(), c.counts.roundTrips()));
                } catch (Exception e) {
                    failed("counting run of " + c.title(), e);
                }
            }
        }
        if (o.profile) {
            for (Case c : cases) {
                if (c.contender.isRslc() && c.nearOrMissed()) {
                    Path rec = work.resolve("runs").resolve(c.id()).resolve("profile.jfr");
                    Files.createDirectories(rec.getParent());
                    Files.deleteIfExists(rec);
                    try {
                        RunResult1 r = once(c, "profile", JfrSummary.jvmOptions(rec), false);
                        c.profile = String.format(Locale.ROOT, "profiled run (JFR on): %.2f s%n", r.seconds())
                                + JfrSummary.summarize(rec, 12);
                        progress(c.title() + " profiled (" + rec + ")");
                    } catch (Exception e) {
                        failed("profiling run of " + c.title(), e);
                    }
                }
            }
        }
    }

    /** One run of a case: fresh data, "yesterday" (untimed), then the timed (or counted, or profiled) command. */
    private RunResult1 once(Case c, String kind, List<String> jvmExtra, boolean counting) throws Exception {
        Path runDir = work.resolve("runs").resolve(c.id()).resolve(kind);
        deleteTree(runDir);
        Files.createDirectories(runDir);
        Pg.Stats before = null;
        if (c.contender.needsDatabase()) {
            try (Connection conn = pg.bench(); Statement st = conn.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS rslc CASCADE");
                c.setup.apply(conn);
            }
            c.contender.prepare(runDir, c.spec);
            if (c.yesterday != null) {
                Proc.Result y = Proc.run(c.contender.command(runDir, c.spec, c.yesterday, pg.port, List.of()),
                        runDir.resolve("yesterday.log"), false, TIMEOUT);
                check(c, y);
            }
            if (!c.contender.readsYesterdaysArchive()) {
                deleteTree(Contender.archive(runDir));
            }
            pg.checkpoint();
            pg.quiesce();
            before = pg.stats();
            pg.resetStatements();
        } else {
            c.contender.prepare(runDir, c.spec);
        }
        double loadBefore = load();
        maxLoad = Math.max(maxLoad, loadBefore);
        int port = counting ? counter.port() : pg == null ? 0 : pg.port;
        if (counting) {
            counter.reset();
        }
        Proc.Result r = Proc.run(c.contender.command(runDir, c.spec, c.asOf, port, jvmExtra), runDir.resolve("run.log"),
                c.contender.isRslc(), TIMEOUT);
        check(c, r);
        if (counting) {
            c.counts = counter.counts();
        }
        Pg.Stats delta = null;
        if (c.contender.needsDatabase()) {
            pg.quiesce();
            delta = pg.stats().minus(before);
            if (c.remainingSql != null) {
                try (Connection conn = pg.bench()) {
                    long left = Data.count(conn, c.remainingSql);
                    if (left != c.remaining) {
                        throw new IllegalStateException(c.title() + ": " + left + " rows left, expected " + c.remaining);
                    }
                }
                pg.quiesce();
            }
        }
        long bytes = sizeOf(Contender.archive(runDir));
        deleteTree(Contender.archive(runDir));
        Double inRun = null;
        Path report = runDir.resolve("report-" + c.asOf + ".json");
        if (Files.exists(report)) {
            String json = Files.readString(report);
            inRun = runSeconds(json);
            Matcher m = Pattern.compile("\"rowsArchived\"\\s*:\\s*(\\d+)").matcher(json);
            if (m.find() && Long.parseLong(m.group(1)) != c.dueRows) {
                throw new IllegalStateException(c.title() + ": rslc archived " + m.group(1) + " rows, expected " + c.dueRows);
            }
        }
        return delta == null
                ? new RunResult1(r.seconds(), r.rssKb(), 0, 0, 0, 0, List.of(), bytes, inRun, 0, loadBefore, r.cpuSeconds())
                : new RunResult1(r.seconds(), r.rssKb(), delta.statements(), delta.commits(), delta.rollbacks(),
                        delta.execMs(), delta.top(), bytes, inRun, delta.dealloc(), loadBefore, r.cpuSeconds());
    }

    private static void check(Case c, Proc.Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException(c.title() + ": exit code " + r.exit() + "; log " + r.log() + ":\n"
                    + Proc.tail(r.log(), 30));
        }
    }

    /** Seconds between the rslc report's startedAt and finishedAt: the run itself, without JVM start and exit. */
    static Double runSeconds(String json) {
        Matcher s = Pattern.compile("\"startedAt\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        Matcher f = Pattern.compile("\"finishedAt\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (s.find() && f.find()) {
            return (Instant.parse(f.group(1)).toEpochMilli() - Instant.parse(s.group(1)).toEpochMilli()) / 1000.0;
        }
        return null;
    }

    private void runRss() throws Exception {
        for (String format : List.of("CSV", "PARQUET")) {
            for (long size : o.rssSizes) {
                int rpd = (int) Math.max(1, Math.round((double) size / DAYS));
                Data.Shape shape = new Data.Shape(START, DAYS, rpd);
                long t0 = System.nanoTime();
                try (Connection c = pg.bench()) {
                    data.ensureTemplate(c, shape);
                }
                LocalDate cutoff = AS_OF.minusDays(90);
                long due = daysBetween(START, cutoff) * rpd;
                Contender.Spec spec = new Contender.Spec(List.of("public.t"), "d", false, 90, format, null, null, START);
                Case c = new Case("rss", format, new Contender.Rslc("rslc run", jar, o.javaOptions, o.rslcArgs), spec,
                        conn -> Data.copyTable(conn, shape, "public", "t", "d", null, false), null, AS_OF, due,
                        "SELECT count(*) FROM public.t", shape.rows() - due);
                double setup = (System.nanoTime() - t0) / 1e9;
                RunResult1 r = once(c, "rss-" + size, List.of(), false);
                rss.add(new RssPoint(format, shape.rows(), due, r.seconds(), r.rssKb(), setup, r.inRunSeconds(), r.cpuSeconds()));
                progress(String.format(Locale.ROOT, "peak RSS %s %,d rows: %d MiB in %.1f s (template generation %.1f s)",
                        format, shape.rows(), r.rssKb() >> 10, r.seconds(), setup));
            }
        }
    }

    private void runJmh() throws Exception {
        progress("JMH: planner and renderer (" + (o.quick ? "short" : "3 x 2 s warm-up, 5 x 2 s measurement") + ") ...");
        Path jmhLog = work.resolve("jmh.log");
        OptionsBuilder b = new OptionsBuilder();
        b.include(PlannerBench.class.getName() + "\\..*").forks(1).output(jmhLog.toString())
                .jvmArgsAppend("-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true");
        if (o.quick) {
            b.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(b.build()).run();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            bench = bench.substring(bench.lastIndexOf('.') + 1);
            jmh.add(new String[] {bench, r.getParams().getParam("warehouse"),
                    String.format(Locale.ROOT, "%.0f", r.getPrimaryResult().getScore()),
                    String.format(Locale.ROOT, "%.0f", r.getPrimaryResult().getScoreError())});
        }
        progress("JMH done (log: " + jmhLog + ")");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Report

    private String report(String env, Instant started) {
        StringBuilder r = new StringBuilder();
        r.append("# rslc benchmark results\n\n").append(env).append('\n');
        r.append(String.format(Locale.ROOT, "Harness wall time: %.1f min. Highest 1-minute load average seen before a "
                + "timed run: %.2f (on %d cores; above ~0.5 something else was running).%n%n",
                (Instant.now().toEpochMilli() - started.toEpochMilli()) / 60000.0, maxLoad,
                Runtime.getRuntime().availableProcessors()));
        if (!cases.isEmpty()) {
            r.append("## Workloads\n\n");
            r.append("| workload | variant | contender | runs | median s (min-max) | due rows | rows/s | ratio to limit "
                    + "| peak RSS MiB | statements | round trips | commits | target |\n");
            r.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Case c : cases) {
                if (c.results.isEmpty()) {
                    continue;
                }
                double med = c.median();
                double min = c.results.stream().mapToDouble(RunResult1::seconds).min().orElse(0);
                double max = c.results.stream().mapToDouble(RunResult1::seconds).max().orElse(0);
                RunResult1 last = c.results.get(c.results.size() - 1);
                long peak = c.results.stream().mapToLong(RunResult1::rssKb).max().orElse(-1);
                Double ratio = c.ratio();
                Boolean met = c.met();
                r.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f (%.2f-%.2f) | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        c.workload, c.variant, c.contender.label, c.results.size(), med, min, max,
                        c.dueRows == 0 ? "-" : String.format(Locale.ROOT, "%,d", c.dueRows),
                        c.dueRows == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", c.dueRows / med),
                        ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio),
                        peak > 0 ? Long.toString(peak >> 10) : "-",
                        c.contender.needsDatabase() ? String.format(Locale.ROOT, "%,d", last.statements()) : "-",
                        c.counts != null ? String.format(Locale.ROOT, "%,d", c.counts.roundTrips())
                                : c.countNote != null && !c.contender.isRslc() ? "= statements" : "-",
                        c.contender.needsDatabase() ? String.format(Locale.ROOT, "%,d", last.commits()) : "-",
                        c.target == null ? "" : c.target + ": " + (met == null ? "?" : met ? "**met**" : "**missed**")));
            }
            r.append("\nstatements: top-level statements pg_stat_statements counted in database bench during the timed run "
                    + "(utility statements included: BEGIN, COMMIT, SET, COPY, VACUUM). round trips: Query + Sync messages "
                    + "the client sent, counted by a proxy in a separate untimed run (psql sends one Query per statement; "
                    + "the JDBC driver one Sync per statement, per cursor fetch, or per batch). commits: xact_commit delta "
                    + "of database bench (VACUUM commits internally too). Peak RSS: maxrss of the rslc JVM.\n\n");
        }
        if (!rss.isEmpty()) {
            r.append("## Peak RSS of the backfill as the table grows (rslc, no index, retention 90, JVM options: ")
                    .append(o.javaOptions.isEmpty() ? "the JVM's defaults" : String.join(" ", o.javaOptions)).append(")\n\n");
            r.append("| format | table rows | due rows | rslc wall s | of which in run() s | rslc CPU s | peak RSS MiB | template generation s (0: reused) |\n|---|---|---|---|---|---|---|---|\n");
            for (RssPoint p : rss) {
                r.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %s | %.1f | %d | %.1f |%n", p.format(), p.tableRows(),
                        p.dueRows(), p.seconds(), p.inRunSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", p.inRunSeconds()),
                        p.cpuSeconds(), p.rssKb() >> 10, p.setupSeconds()));
            }
            for (String f : List.of("CSV", "PARQUET")) {
                List<RssPoint> ps = rss.stream().filter(p -> p.format().equals(f)).sorted(Comparator.comparingLong(RssPoint::tableRows)).toList();
                if (ps.size() >= 2) {
                    RssPoint a = ps.get(0);
                    RssPoint b = ps.get(ps.size() - 1);
                    double growth = (double) b.rssKb() / a.rssKb() - 1;
                    r.append(String.format(Locale.ROOT, "%n%s: peak RSS at %,d rows is %+.0f%% of the peak at %,d rows "
                            + "(target: at most +10%% from 1M to 10M): %s.%n", f, b.tableRows(), growth * 100, a.tableRows(),
                            growth <= 0.10 ? "**met**" : "**missed**"));
                }
            }
            r.append('\n');
        }
        if (!jmh.isEmpty()) {
            r.append("## JMH: planner and renderer, ns per slice\n\n");
            r.append("Rules of the sample configuration's shape (daily 90, PARQUET, partitioned, 1 GB). planTable: "
                    + "10 rules x 1,000 slices per operation, score divided by 10,000. The others: one slice per operation.\n\n");
            r.append("| benchmark | warehouse SQL | ns per slice | +- (99.9%) |\n|---|---|---|---|\n");
            for (String[] row : jmh) {
                r.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            r.append('\n');
        }
        if (!planFull.isEmpty()) {
            r.append("## Full size: 10,000 rules x 1,000 slices, planned once\n\n| warehouse SQL | slices | seconds | ns per slice |\n|---|---|---|---|\n");
            for (PlanFull.Result p : planFull) {
                r.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.0f |%n", p.warehouse(), p.slices(), p.seconds(), p.nsPerSlice()));
            }
            r.append('\n');
        }
        if (!cases.isEmpty()) {
            r.append("## Details per case (last timed run)\n\n");
            for (Case c : cases) {
                if (c.results.isEmpty()) {
                    continue;
                }
                RunResult1 last = c.results.get(c.results.size() - 1);
                r.append("### ").append(c.title()).append("\n\n");
                r.append("runs (s): ").append(c.results.stream().map(x -> String.format(Locale.ROOT, "%.2f", x.seconds())).toList())
                        .append(", load average before each: ").append(c.results.stream().map(x -> String.format(Locale.ROOT, "%.2f", x.load())).toList());
                if (c.contender.isRslc()) {
                    r.append(", peak RSS (MiB): ").append(c.results.stream().map(x -> Long.toString(x.rssKb() >> 10)).toList());
                    r.append(", CPU of the rslc process, user + system (s): ").append(c.results.stream()
                            .map(x -> String.format(Locale.ROOT, "%.2f", x.cpuSeconds())).toList());
                    if (last.inRunSeconds() != null) {
                        r.append(String.format(Locale.ROOT, ", inside Rslc.run() (report startedAt..finishedAt): %.2f s, "
                                + "so JVM start, configuration and exit: %.2f s; in run() minus server execution time "
                                + "of all statements (client side: decoding, encoding, files, round trips): %.2f s",
                                last.inRunSeconds(), last.seconds() - last.inRunSeconds(),
                                last.inRunSeconds() - last.execMs() / 1000));
                    }
                }
                r.append('\n');
                if (c.contender.needsDatabase()) {
                    r.append(String.format(Locale.ROOT, "archive bytes written: %,d; server execution time of all statements: "
                                    + "%.2f s; commits %d, rollbacks %d%s%n", last.outBytes(), last.execMs() / 1000,
                            last.commits(), last.rollbacks(), last.dealloc() > 0 ? "; WARNING: pg_stat_statements evicted entries" : ""));
                }
                if (c.counts != null) {
                    WireCounter.Counts k = c.counts;
                    r.append(String.format(Locale.ROOT, "wire (counting run): %d connection(s), %d Query, %d Sync, %d Parse, "
                            + "%d Execute, %d CopyData from the client%n", k.connections(), k.queries(), k.syncs(), k.parses(),
                            k.executes(), k.copyData()));
                }
                if (!last.top().isEmpty()) {
                    r.append("\n| calls | server ms | rows | statement (pg_stat_statements, normalized) |\n|---|---|---|---|\n");
                    for (Pg.Stats.Top t : last.top()) {
                        String q = t.query().replaceAll("\\s+", " ").replace("|", "\\|");
                        r.append(String.format(Locale.ROOT, "| %d | %.0f | %d | `%s` |%n", t.calls(), t.totalMs(), t.rows(),
                                q.length() > 160 ? q.substring(0, 157) + "..." : q));
                    }
                }
                if (c.profile != null) {
                    r.append("\n```\n").append(c.profile).append("```\n");
                }
                r.append('\n');
            }
        }
        if (!notes.isEmpty()) {
            r.append("## Notes\n\n");
            notes.forEach(n -> r.append("- ").append(n).append('\n'));
        }
        return r.toString();
    }

    private String environment() throws Exception {
        StringBuilder e = new StringBuilder();
        String head = exec(o.root, "git", "rev-parse", "HEAD").trim();
        String dirty = exec(o.root, "git", "status", "--porcelain", "--untracked-files=no");
        // the harness's own files (bench/) and docs do not go into rslc.jar
        List<String> dirtyFiles = dirty.lines().filter(l -> l.length() > 3).map(l -> l.substring(3).trim())
                .filter(f -> !f.startsWith("bench/") && !f.startsWith("docs/")).toList();
        e.append("- rslc build: git ").append(head.isEmpty() ? "?" : head)
                .append(dirtyFiles.isEmpty() ? " (no uncommitted changes outside bench/ and docs/)"
                        : " plus uncommitted changes in " + String.join(", ", dirtyFiles))
                .append("; jar sha256 ").append(sha256(jar).substring(0, 16)).append(", built ")
                .append(Files.getLastModifiedTime(o.jar).toInstant()).append(" (").append(o.jarOrigin).append(")\n");
        e.append("- java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append("; rslc JVM options: ").append(o.javaOptions.isEmpty() ? "none (the JVM's defaults)" : String.join(" ", o.javaOptions))
                .append(o.javaOptions.equals(Options.launcherJavaOptions(o.root)) ? " (as the rslc launcher)" : "")
                .append(o.cds ? ", plus a class-data archive recorded as the launcher does once per build (an"
                        + " offline `rslc plan` of the sample configuration; --no-cds: none)" : ", no class-data archive (--no-cds)")
                .append(o.rslcArgs.isEmpty() ? "" : "; rslc run args: " + String.join(" ", o.rslcArgs)).append('\n');
        e.append("- machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(memTotalGib()).append(" GiB RAM, Linux ").append(read("/proc/sys/kernel/osrelease").trim()).append('\n');
        e.append("- settings: ").append(o.quick ? "--quick, " : "").append(o.runs).append(" timed run(s) per contender (median), ")
                .append(String.format(Locale.ROOT, "%,d rows/day", o.rowsPerDay)).append(", data ").append(START).append(" .. ")
                .append(START.plusDays(DAYS - 1)).append(" (").append(DAYS).append(" days), as of ").append(AS_OF).append('\n');
        e.append("- date: ").append(Instant.now()).append('\n');
        return e.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** A failed secondary measurement: noted in the report, the rest goes on. */
    private void failed(String what, Exception e) {
        notes.add("FAILED: " + what + ": " + e);
        progress("FAILED: " + what + ": " + e);
    }

    private static void progress(String s) {
        System.err.println("bench: " + s);
    }

    private static double load() {
        try {
            return Double.parseDouble(read("/proc/loadavg").split("\\s+")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }

    private static long memTotalGib() {
        return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 20).orElse(0L);
    }

    private static String exec(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes());
            }
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
