package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Scenario 3 of the campaign: the password (given by {@code --password-env} only) in nothing rslc writes, in
 * success, failure, kill and debug alike; the permissions of local archive files; identifiers with quotes,
 * commas, non-ASCII and reserved words in schema, table and column names, end to end (run killed and re-run,
 * verify, status, restore).
 */
@Tag("campaign")
class SecurityCampaignIT {

    /** Schema, table and column names that break naive SQL and CSV: quotes, commas, spaces, accents, keywords. */
    static final String SCHEMA = "Sch\"ema é";
    static final String TABLE = "Sélect \"T\", from";
    static final String DATE_COLUMN = "order";
    static final String ID_COLUMN = "user";
    static final String NOTE_COLUMN = "\"quoted\" col,|";

    record Spec(boolean quick, Target.Kind kind, boolean s3, Format format) {
        String id() {
            return "identifiers-" + (kind == Target.Kind.REDSHIFT ? "redshift" : "pg") + (s3 ? "-s3-" : "-local-") + format;
        }
    }

    @TestFactory
    Stream<DynamicTest> quotedUnicodeAndReservedIdentifiersEndToEnd() {
        List<Spec> specs = List.of(new Spec(true, Target.Kind.POSTGRES, false, Format.CSV),
                new Spec(false, Target.Kind.POSTGRES, true, Format.PARQUET),
                new Spec(false, Target.Kind.POSTGRES, false, Format.TEXT_GZIP),
                new Spec(false, Target.Kind.REDSHIFT, true, Format.CSV),
                new Spec(false, Target.Kind.REDSHIFT, true, Format.PARQUET));
        return specs.stream().filter(s -> Campaign.selected(s.quick(), s.id()))
                .map(s -> DynamicTest.dynamicTest(s.id(), () -> identifiers(s)));
    }

    void identifiers(Spec spec) throws Exception {
        Path dir = Campaign.dir("security", spec.id());
        Target target = spec.kind() == Target.Kind.REDSHIFT ? Target.redshift() : Target.postgres();
        try {
            String location = spec.s3() ? "s3://" + Target.BUCKET + "/" + target.database + "-" + System.nanoTime()
                    + "/odd" : dir.resolve("archive").resolve("odd é, \"x\"").toString();
            Subject s = new Subject(target, dir, SCHEMA, TABLE, DATE_COLUMN, Mode.BOTH, spec.format(), location,
                    KillCampaignIT.ROWS_PER_DAY).create(ID_COLUMN, NOTE_COLUMN);
            // --only and --table name the table as it reads, comma and quotes included (bug 3, fixed)
            List<String> run = new ArrayList<>(s.runArgs());
            run.addAll(List.of("--only", s.name()));
            if (spec.kind() == Target.Kind.POSTGRES) {
                run.addAll(List.of("--batch-rows", String.valueOf(2 * KillCampaignIT.ROWS_PER_DAY)));
            }
            Kill.Outcome o = Kill.at("before-commit", 2).apply(KillCampaignIT.launch(dir.resolve("killed"), target), run,
                    target::journalRows);
            Check.rows(s, false);
            Rslc.Result rerun = Rslc.inProcess(dir, "rerun", run);
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(rerun.all()).contains(s.name());
            Check.Counts counts = Check.rows(s, true);
            Rslc.Result verify = Rslc.inProcess(dir, "verify", s.args("verify", "--table", s.name()));
            assertThat(verify.exit()).as(verify.all()).isZero();
            assertThat(verify.all()).contains("Verified " + Subject.DUE_DAYS + " slice generation(s)");
            Rslc.Result status = Rslc.inProcess(dir, "status", s.args("status", "--as-of", Subject.AS_OF,
                    "--format", "json", "--table", s.name()));
            assertThat(status.exit()).as(status.all()).isZero();
            var table = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).get("tables").get(0);
            assertThat(table.get("table").asText()).isEqualTo(s.name());
            assertThat(table.get("archived").get("rows").asLong()).isEqualTo(s.due.size());
            Rslc.Result restore = Rslc.inProcess(dir, "restore", s.args("restore", "--table", s.name()));
            assertThat(restore.exit()).as(restore.all()).isZero();
            Check.Counts restored = KillCampaignIT.restoredRows(s);
            Check.noPassword(dir);
            Check.noPasswordInArchive(s);
            Campaign.record("identifiers with quotes, commas, unicode, reserved words", o.killed() ? 1 : 0,
                    counts.plus(restored), "run killed and re-run, verify, status, restore all exit 0");
        } finally {
            target.drop();
        }
    }

    /**
     * The password in no byte rslc writes: stdout, stderr (text and JSON logs), reports, archive files, the
     * journal and run log, for a run killed by SIGKILL, runs that fail (wrong password, unreachable server,
     * a missing table, debug stack traces with RSLC_DEBUG=1) and every other command. A wrong password ends in
     * the right one, so echoing it would be caught too. Then every file the campaign wrote so far is searched.
     */
    @Test
    void thePasswordAppearsInNothingRslcWrites() throws Exception {
        String pw = Campaign.password();
        Path dir = Campaign.dir("security", "password");
        Target target = Target.postgres();
        try {
            Subject s = Subject.standard(target, dir, Mode.BOTH, Format.CSV_GZIP, dir.resolve("archive").toString(),
                    KillCampaignIT.ROWS_PER_DAY).create();
            Map<String, String> wrong = new HashMap<>(Target.env());
            wrong.put(Campaign.PASSWORD_ENV, "wrong-" + pw);
            wrong.put("RSLC_DEBUG", "1");
            int children = 0;
            Rslc.Launch refused = new Rslc.Launch(dir.resolve("wrong-password")).env(wrong);
            assertThat(Rslc.await(refused.start(s.runArgs()), 120)).isNotZero();
            assertThat(Rslc.read(dir.resolve("wrong-password/err.txt")) + Rslc.read(dir.resolve("wrong-password/out.txt")))
                    .as("the login failed").contains("password authentication failed");
            children++;
            Map<String, String> debug = new HashMap<>(Target.env());
            debug.put("RSLC_DEBUG", "1");
            List<String> unreachable = new ArrayList<>(s.args("status"));
            unreachable.set(unreachable.indexOf(target.rslcUrl), "jdbc:postgresql://127.0.0.1:1/nothing");
            Rslc.Launch down = new Rslc.Launch(dir.resolve("unreachable")).env(debug);
            assertThat(Rslc.await(down.start(unreachable), 120)).isNotZero();
            children++;
            if (Campaign.FULL) {
                Kill.Outcome killed = Kill.afterCommits(2, 7).apply(new Rslc.Launch(dir.resolve("killed")).env(debug),
                        withReport(s.runArgs(), dir.resolve("killed-report.json"), "--log-format", "json"), target::journalRows);
                assertThat(killed.killed()).isTrue();
                Rslc.Launch finish = new Rslc.Launch(dir.resolve("finish")).env(debug);
                assertThat(Rslc.await(finish.start(withReport(s.runArgs(), dir.resolve("report.json"))), 120)).isZero();
                String rules = Files.readString(s.config);
                Files.writeString(s.config, rules + (rules.endsWith("\n") ? "" : "\n") + "s,missing,d,daily,11,"
                        + dir.resolve("archive2") + ",,,,,,,,,,,,10,2,\n");
                for (List<String> args : List.of(
                        withReport(s.runArgs(), dir.resolve("failed-report.json"), "--log-format", "json"),
                        s.args("run", "--dry-run", "--format", "json", "--as-of", Subject.AS_OF),
                        s.args("status", "--format", "json", "--as-of", Subject.AS_OF),
                        s.args("verify", "--format", "json"),
                        s.args("restore", "--table", "s.t"),
                        s.args("restore", "--table", "s.missing"))) {
                    Rslc.Launch l = new Rslc.Launch(dir.resolve("command-" + children)).env(debug);
                    Rslc.await(l.start(args), 120);
                    children++;
                }
                assertThat(Rslc.read(dir.resolve("command-2/out.txt")) + Rslc.read(dir.resolve("command-2/err.txt")))
                        .as("a failing table was exercised").contains("missing");
            }
            try (Connection c = target.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(string_agg(t::text, ' '), '') FROM rslc.slice_journal t "
                         + "UNION ALL SELECT coalesce(string_agg(t::text, ' '), '') FROM rslc.table_runs t")) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).as("journal and run log").doesNotContain(pw);
                }
            } catch (java.sql.SQLException e) {
                assertThat(Campaign.FULL).as("the journal exists once a run committed: " + e.getMessage()).isFalse();
            }
            long here = Check.noPassword(dir);
            assertThat(here).as("bytes searched in this test's files").isPositive();
            long all = Check.noPassword(Campaign.ROOT);
            Campaign.record("password never written (searched every byte)", children,
                    new Check.Counts(0, 0, 0), "not found in " + all / 1024 + " KiB");
        } finally {
            target.drop();
        }
    }

    private static List<String> withReport(List<String> args, Path report, String... more) {
        List<String> out = new ArrayList<>(args);
        out.addAll(List.of("--report", report.toString()));
        out.addAll(List.of(more));
        return out;
    }

    /**
     * Bug 3 (CLI, fixed): the configuration accepts any table name, but {@code --only} of run and plan, and
     * {@code --table} of status, verify and catalog, split their value on every comma, so a table whose name holds
     * a comma could not be selected (exit 2, "cannot convert ' b' to TableName"). Now a comma separates names only
     * when a name follows it, a quoted part holds anything ({@code s."a, b"}), and the options repeat.
     */
    @Test
    void aTableNameWithACommaCanBeSelected() throws Exception {
        Path dir = Campaign.dir("security", "comma-in-name");
        Path rules = dir.resolve("rules.csv");
        Files.writeString(rules, String.join(",", io.rslc.internal.config.RuleFields.ORIGINAL) + "\n"
                + "s,\"a, b\",d,daily,11," + dir.resolve("archive") + ",,,,,,,,,,,,10,2,\n"
                + "s,\"a\",d,daily,11," + dir.resolve("archive-a") + ",,,,,,,,,,,,20,2,\n");
        for (String only : List.of("s.a, b", "s.\"a, b\"")) {
            Rslc.Result plan = Rslc.inProcess(dir, "plan", List.of("plan", "--config", rules.toString(), "--only", only,
                    "--as-of", Subject.AS_OF, "--warehouse", "postgresql"));
            assertThat(plan.exit()).as(plan.all()).isZero();
            assertThat(plan.out()).contains("TABLE: s.a, b").doesNotContain("TABLE: s.a\n");
        }
        Rslc.Result both = Rslc.inProcess(dir, "plan-both", List.of("plan", "--config", rules.toString(), "--only",
                "s.\"a, b\",s.a", "--as-of", Subject.AS_OF, "--warehouse", "postgresql"));
        assertThat(both.exit()).as(both.all()).isZero();
        assertThat(both.out()).contains("TABLE: s.a, b", "TABLE: s.a\n");
    }

    /** A table name with a comma is in the plan when nothing is selected: the rule itself is fine. */
    @Test
    void aTableNameWithACommaIsPlannedWithoutSelection() throws Exception {
        Path dir = Campaign.dir("security", "comma-in-name-all");
        Path rules = dir.resolve("rules.csv");
        Files.writeString(rules, String.join(",", io.rslc.internal.config.RuleFields.ORIGINAL) + "\n"
                + "s,\"a, b\",d,daily,11," + dir.resolve("archive") + ",,,,,,,,,,,,10,2,\n");
        Rslc.Result plan = Rslc.inProcess(dir, "plan", List.of("plan", "--config", rules.toString(), "--as-of",
                Subject.AS_OF));
        assertThat(plan.out()).as(plan.all()).contains("TABLE: s.a, b");
    }

    /** With umask 077 the operator gets private archives: rslc never widens the permissions it is given. */
    @Test
    void underUmask077TheArchiveIsPrivate() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Campaign.selected(false, "permissions-umask-077"), "full mode only");
        for (Path p : archiveOfOneRun("permissions-umask-077", "077")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            assertThat(PosixFilePermissions.toString(perms)).as(p.toString()).matches("rw[x-]------");
        }
    }

    /**
     * Finding 4 (hardening, fixed): under the usual umask 022 the archive's files were created 0644 and its folders
     * 0755, so every local user could read the archived rows. Now they are owner-only whatever the umask, and
     * verify and restore (run by the owner) still read them ({@link #archiveOfOneRun}).
     */
    @Test
    void localArchiveFilesAreNotWorldReadable() throws Exception {
        List<Path> paths = archiveOfOneRun("permissions-world-readable", "022");
        for (Path p : paths) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                    .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }

    /** Runs one child {@code rslc run} (under {@code umask} if given) to a local archive; its files and folders. */
    private static List<Path> archiveOfOneRun(String name, String umask) throws Exception {
        Path dir = Campaign.dir("security", name);
        Target target = Target.postgres();
        try {
            Subject s = Subject.standard(target, dir, Mode.BOTH, Format.PARQUET, dir.resolve("archive").toString(), 50)
                    .create();
            Rslc.Launch l = new Rslc.Launch(dir.resolve("run")).env(Target.env());
            if (umask != null) {
                l.umask(umask);
            }
            assertThat(Rslc.await(l.start(s.runArgs()), 120)).as(Rslc.read(dir.resolve("run/err.txt"))).isZero();
            Rslc.Result verify = Rslc.inProcess(dir, "verify", s.args("verify"));
            assertThat(verify.exit()).as(verify.all()).isZero();
            Rslc.Result restore = Rslc.inProcess(dir, "restore", s.args("restore", "--table", s.name()));
            assertThat(restore.exit()).as(restore.all()).isZero();
            KillCampaignIT.restoredRows(s); // every archived row restored once, with its value
            List<Path> paths = new ArrayList<>(ArchiveScan.of(s).localPaths);
            assertThat(paths).as("files and folders of the archive").hasSizeGreaterThan(Subject.DUE_DAYS * 2);
            Files.writeString(dir.resolve("modes.txt"), String.join("\n", paths.stream().map(p -> {
                try {
                    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " " + p;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()), StandardCharsets.UTF_8);
            return paths;
        } finally {
            target.drop();
        }
    }
}
