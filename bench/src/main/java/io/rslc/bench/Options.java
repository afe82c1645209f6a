package io.rslc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options of the harness. */
final class Options {

    static final List<String> WORKLOADS = List.of("backfill", "steady", "many", "monthly", "ops", "rss", "jmh");

    boolean quick;
    int runs = 3;
    Set<String> workloads = new LinkedHashSet<>(WORKLOADS);
    int rowsPerDay = 5000;
    int manyTables = 200;
    int manyRowsPerDay = 100;
    List<Long> rssSizes = new ArrayList<>(List.of(1_000_000L, 10_000_000L));
    int slowRuns = 1;
    boolean skipSlowLoop;
    boolean perSlice;
    boolean count = true;
    boolean profile = true;
    boolean planFull;
    boolean cds = true;
    Path jar;
    Path jarOrigin;
    List<String> javaOptions;
    List<String> rslcArgs = new ArrayList<>();
    Path pgBin = Path.of("/usr/lib/postgresql/15/bin");
    Path work;
    boolean keep;
    Path out;
    Path root = Path.of("").toAbsolutePath();

    static final String USAGE = """
            usage: bench/run [options]            (or: java -cp ... io.rslc.bench.Main [options])

              --quick              1 run per contender, 500 rows/day instead of 5,000, RSS at 0.1M and 1M rows,
                                   short JMH; about 10 minutes instead of about an hour
              --runs N             timed runs per contender (default 3; 1 with --quick); the median is reported
              --only LIST          workloads, comma-separated: backfill,steady,many,monthly,ops,rss,jmh
                                   (default: all; ops: rslc status and verify on the archives of a
                                   backfill and of the many-tables run)
              --rows-per-day N     rows per day of the backfill, steady-state and monthly tables (default 5000)
              --tables N           tables of the many-tables workload (default 200)
              --rss-sizes LIST     table sizes (rows) for the peak-RSS series (default 1000000,10000000)
              --slow-runs N        runs of the naive per-day loop without an index (default 1: minutes per run)
              --skip-slow-loop     do not run the naive per-day loop without an index
              --per-slice          also run rslc with --batch-rows 0 (one slice per transaction) on the backfill
              --no-count           skip the untimed round-trip counting runs (through a counting proxy)
              --no-profile         skip the JFR profiling runs of rslc cases that miss (or come within
                                   20 % of) their target
              --plan-full          also plan the issue's full size once: 10,000 rules x 1,000 slices
              --jar PATH           the rslc jar to measure (default cli/target/rslc.jar; copied first)
              --java-opts "..."    JVM options for rslc (default: what the rslc launcher uses, i.e. $RSLC_JAVA_OPTS
                                   or the launcher's default, -XX:+UseSerialGC -Xmx1g; --java-opts "" for the JVM's defaults)
              --no-cds             run rslc without a class-data archive (the rslc launcher records one once per
                                   build, from an offline `rslc plan` of the sample configuration, and maps it on
                                   every run; by default the harness does the same for the measured jar, untimed)
              --rslc-args "..."    extra arguments for every `rslc run`
              --pg-bin DIR         PostgreSQL binaries (default /usr/lib/postgresql/15/bin)
              --work DIR           work directory (default: a new temporary directory, removed at the end)
              --keep               keep the work directory (logs, scripts, configs, JFR recordings)
              --out FILE           results file (default bench/target/results/bench-<time>.md)
            """;

    static Options parse(String[] args) {
        Options o = new Options();
        boolean runsSet = false;
        boolean rowsSet = false;
        boolean rssSet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--runs" -> { o.runs = Integer.parseInt(args[++i]); runsSet = true; }
                case "--only" -> {
                    o.workloads = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                    for (String w : o.workloads) {
                        if (!WORKLOADS.contains(w)) {
                            throw new IllegalArgumentException("unknown workload '" + w + "'; known: " + WORKLOADS);
                        }
                    }
                }
                case "--rows-per-day" -> { o.rowsPerDay = Integer.parseInt(args[++i]); rowsSet = true; }
                case "--tables" -> o.manyTables = Integer.parseInt(args[++i]);
                case "--rss-sizes" -> {
                    o.rssSizes = new ArrayList<>();
                    for (String s : args[++i].split(",")) {
                        o.rssSizes.add(Long.parseLong(s.replace("_", "")));
                    }
                    rssSet = true;
                }
                case "--slow-runs" -> o.slowRuns = Integer.parseInt(args[++i]);
                case "--skip-slow-loop" -> o.skipSlowLoop = true;
                case "--per-slice" -> o.perSlice = true;
                case "--no-count" -> o.count = false;
                case "--no-profile" -> o.profile = false;
                case "--plan-full" -> o.planFull = true;
                case "--no-cds" -> o.cds = false;
                case "--jar" -> o.jar = Path.of(args[++i]).toAbsolutePath();
                case "--jar-origin" -> o.jarOrigin = Path.of(args[++i]).toAbsolutePath();
                case "--java-opts" -> o.javaOptions = split(args[++i]);
                case "--rslc-args" -> o.rslcArgs = split(args[++i]);
                case "--pg-bin" -> o.pgBin = Path.of(args[++i]);
                case "--work" -> o.work = Path.of(args[++i]).toAbsolutePath();
                case "--keep" -> o.keep = true;
                case "--out" -> o.out = Path.of(args[++i]).toAbsolutePath();
                case "--root" -> o.root = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (o.quick) {
            if (!runsSet) {
                o.runs = 1;
            }
            if (!rowsSet) {
                o.rowsPerDay = 500;
            }
            if (!rssSet) {
                o.rssSizes = new ArrayList<>(List.of(100_000L, 1_000_000L));
            }
        }
        if (o.jar == null) {
            o.jar = o.root.resolve("cli/target/rslc.jar");
        }
        if (o.javaOptions == null) {
            o.javaOptions = launcherJavaOptions(o.root);
        }
        if (o.jarOrigin == null) {
            o.jarOrigin = o.jar;
        }
        return o;
    }

    /**
     * The JVM options the {@code rslc} launcher script would use: {@code $RSLC_JAVA_OPTS} if set, else the default
     * in its {@code ${RSLC_JAVA_OPTS:-...}}; none if the launcher has no default.
     */
    static List<String> launcherJavaOptions(Path root) {
        String env = System.getenv("RSLC_JAVA_OPTS");
        if (env != null) {
            return split(env);
        }
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{RSLC_JAVA_OPTS:-([^}]*)\\}")
                    .matcher(java.nio.file.Files.readString(root.resolve("rslc")));
            return m.find() ? split(m.group(1)) : new ArrayList<>();
        } catch (java.io.IOException e) {
            return new ArrayList<>();
        }
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.trim().split("\\s+")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
