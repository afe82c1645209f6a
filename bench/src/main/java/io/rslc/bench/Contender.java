package io.rslc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One way of doing a workload's job, as a whole process. */
abstract class Contender {

    /** What a workload asks: tables, their date column, the rule, and the archive format. */
    record Spec(List<String> tables, String column, boolean monthly, int retention, String format,
                String partitionColumn, String maxFileSize, LocalDate dataStart) {

        LocalDate cutoff(LocalDate asOf) {
            return monthly ? asOf.withDayOfMonth(1).minusMonths(retention) : asOf.minusDays(retention);
        }
    }

    final String label;

    Contender(String label) {
        this.label = label;
    }

    boolean isRslc() {
        return false;
    }

    boolean needsDatabase() {
        return true;
    }

    /** True if the timed command reads the archive "yesterday's" command wrote (so it is kept for it). */
    boolean readsYesterdaysArchive() {
        return false;
    }

    /** Called once per run, on a fresh table, before any command of the run. */
    void prepare(Path runDir, Spec spec) throws IOException {
    }

    /** The command that does the job as of {@code asOf}, connecting to {@code port}. */
    abstract List<String> command(Path runDir, Spec spec, LocalDate asOf, int port, List<String> extraJvmOptions)
            throws IOException;

    static Path archive(Path runDir) {
        return runDir.resolve("archive");
    }

    /** {@code rslc run} with a CSV configuration in the original's format; s3_path is a local folder. */
    static final class Rslc extends Contender {
        private static final String HEADER = "schema_name,table_name,column_name,granularity_level,retention_period,"
                + "s3_path,file_format,partition_column,header,delimiter,add_quotes,null_as,escape,compression,"
                + "max_filesize,parallel,unload_region,priority,update_delete_flag,checkpoint";

        private final Path jar;
        private final List<String> javaOptions;
        private final List<String> runArgs;

        Rslc(String label, Path jar, List<String> javaOptions, List<String> runArgs) {
            super(label);
            this.jar = jar;
            this.javaOptions = javaOptions;
            this.runArgs = runArgs;
        }

        @Override
        boolean isRslc() {
            return true;
        }

        @Override
        void prepare(Path runDir, Spec spec) throws IOException {
            Files.createDirectories(runDir);
            StringBuilder csv = new StringBuilder(HEADER).append('\n');
            for (String t : spec.tables()) {
                String[] st = t.split("\\.");
                csv.append(String.join(",", st[0], st[1], spec.column(), spec.monthly() ? "monthly" : "daily",
                        Integer.toString(spec.retention()), archive(runDir).resolve(st[1]).toString(),
                        spec.format(), spec.partitionColumn() == null ? "" : spec.partitionColumn(),
                        "", "", "", "", "", "", spec.maxFileSize() == null ? "" : spec.maxFileSize(), "", "", "10", "2", ""))
                        .append('\n');
            }
            Files.writeString(runDir.resolve("rules.csv"), csv);
        }

        @Override
        List<String> command(Path runDir, Spec spec, LocalDate asOf, int port, List<String> extraJvmOptions) {
            List<String> cmd = new ArrayList<>(List.of("java"));
            cmd.addAll(javaOptions);
            cmd.addAll(extraJvmOptions);
            cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", runDir.resolve("rules.csv").toString(),
                    "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + port + "/" + Pg.DB + "?user=" + Pg.USER,
                    "--as-of", asOf.toString(), "--report", runDir.resolve("report-" + asOf + ".json").toString()));
            cmd.addAll(runArgs);
            return cmd;
        }
    }

    /**
     * {@code rslc status} or {@code rslc verify} on what {@code rslc run} archived: "yesterday's" command is the
     * run (on {@code asOf - 1}), the timed one the archive command (on {@code asOf}).
     */
    static final class ArchiveOp extends Contender {
        private final Rslc run;
        private final String op;
        private final Path jar;
        private final List<String> javaOptions;
        private final LocalDate timed;

        ArchiveOp(String op, Path jar, List<String> javaOptions, LocalDate timed) {
            super("rslc " + op);
            this.run = new Rslc("rslc run", jar, javaOptions, List.of());
            this.op = op;
            this.jar = jar;
            this.javaOptions = javaOptions;
            this.timed = timed;
        }

        @Override
        boolean isRslc() {
            return true;
        }

        @Override
        boolean readsYesterdaysArchive() {
            return true;
        }

        @Override
        void prepare(Path runDir, Spec spec) throws IOException {
            run.prepare(runDir, spec);
        }

        @Override
        List<String> command(Path runDir, Spec spec, LocalDate asOf, int port, List<String> extraJvmOptions) {
            if (!asOf.equals(timed)) {
                return run.command(runDir, spec, asOf, port, extraJvmOptions);
            }
            List<String> cmd = new ArrayList<>(List.of("java"));
            cmd.addAll(javaOptions);
            cmd.addAll(extraJvmOptions);
            cmd.addAll(List.of("-jar", jar.toString(), op, "--config", runDir.resolve("rules.csv").toString(),
                    "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + port + "/" + Pg.DB + "?user=" + Pg.USER));
            if (op.equals("status")) {
                cmd.addAll(List.of("--as-of", asOf.toString()));
            }
            return cmd;
        }
    }

    /** The JVM and CLI start alone: {@code java -jar rslc.jar --version}. */
    static final class JvmStart extends Contender {
        private final Path jar;
        private final List<String> javaOptions;

        JvmStart(Path jar, List<String> javaOptions) {
            super("JVM start only (rslc --version)");
            this.jar = jar;
            this.javaOptions = javaOptions;
        }

        @Override
        boolean needsDatabase() {
            return false;
        }

        @Override
        List<String> command(Path runDir, Spec spec, LocalDate asOf, int port, List<String> extraJvmOptions) {
            List<String> cmd = new ArrayList<>(List.of("java"));
            cmd.addAll(javaOptions);
            cmd.addAll(List.of("-jar", jar.toString(), "--version"));
            return cmd;
        }
    }

    /**
     * psql running a script of raw statements, autocommit: the raw-SQL limit (one {@code \copy (SELECT ... WHERE
     * col < cutoff) TO file CSV}, one DELETE, one VACUUM ANALYZE per table) or the naive per-day loop (BEGIN,
     * \copy one day, DELETE that day, COMMIT, for every day, then VACUUM ANALYZE).
     */
    static final class Psql extends Contender {
        private final boolean perDay;

        Psql(String label, boolean perDay) {
            super(label);
            this.perDay = perDay;
        }

        @Override
        List<String> command(Path runDir, Spec spec, LocalDate asOf, int port, List<String> extraJvmOptions)
                throws IOException {
            LocalDate cutoff = spec.cutoff(asOf);
            StringBuilder sql = new StringBuilder();
            for (String t : spec.tables()) {
                String name = t.substring(t.indexOf('.') + 1);
                Path out = archive(runDir).resolve(name);
                Files.createDirectories(out);
                String col = spec.column();
                if (perDay) {
                    for (LocalDate d = spec.dataStart(); d.isBefore(cutoff); d = d.plusDays(1)) {
                        String pred = col + " >= DATE '" + d + "' AND " + col + " < DATE '" + d.plusDays(1) + "'";
                        sql.append("BEGIN;\n")
                                .append("\\copy (SELECT * FROM ").append(t).append(" WHERE ").append(pred).append(") TO '")
                                .append(out.resolve(d + ".csv")).append("' WITH (FORMAT csv)\n")
                                .append("DELETE FROM ").append(t).append(" WHERE ").append(pred).append(";\n")
                                .append("COMMIT;\n");
                    }
                } else {
                    String pred = col + " < DATE '" + cutoff + "'";
                    sql.append("\\copy (SELECT * FROM ").append(t).append(" WHERE ").append(pred).append(") TO '")
                            .append(out.resolve("before-" + cutoff + ".csv")).append("' WITH (FORMAT csv)\n")
                            .append("DELETE FROM ").append(t).append(" WHERE ").append(pred).append(";\n");
                }
                sql.append("VACUUM ANALYZE ").append(t).append(";\n");
            }
            Path script = runDir.resolve("script-" + asOf + ".sql");
            Files.createDirectories(runDir);
            Files.writeString(script, sql);
            return List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", Pg.USER, "-d", Pg.DB, "-f", script.toString());
        }
    }
}
