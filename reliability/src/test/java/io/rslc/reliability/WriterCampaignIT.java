package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Scenario 2, concurrent writers: while a child {@code rslc run} archives, a writer session inserts rows dated in
 * the due range, updates due rows and deletes some, each in its own transaction, and remembers what it committed.
 * Some instances also SIGKILL the run mid-way. Afterwards every row the writer left alive must be exactly once in
 * the table or the committed archive, with its last committed value; no row the writer deleted may be in the
 * archive; after a quiet re-run every due row is archived and deleted, and verify is clean.
 */
@Tag("campaign")
class WriterCampaignIT {

    static final int ROWS_PER_DAY = 250;

    record Spec(boolean quick, Format format, boolean s3, int batchSlices, boolean kill, long seed) {
        String id() {
            return "writers-" + format + (s3 ? "-s3" : "-local") + "-batch" + batchSlices + (kill ? "-sigkill" : "")
                    + "-" + Long.toHexString(seed & 0xffff);
        }
    }

    @TestFactory
    Stream<DynamicTest> writersDuringTheRun() {
        Random r = new Random(Campaign.SEED + 3);
        List<Spec> specs = List.of(
                new Spec(true, Format.CSV, false, 0, false, r.nextLong()),
                new Spec(false, Format.CSV, false, 2, false, r.nextLong()),
                new Spec(false, Format.PARQUET, true, 0, true, r.nextLong()),
                new Spec(false, Format.TEXT_GZIP, false, 2, true, r.nextLong()),
                new Spec(false, Format.PARQUET, false, 2, false, r.nextLong()),
                new Spec(false, Format.TEXT, true, 0, true, r.nextLong()));
        return specs.stream().filter(s -> Campaign.selected(s.quick(), s.id()))
                .map(s -> DynamicTest.dynamicTest(s.id(), () -> run(s)));
    }

    /** The writer: one session, autocommit, a few operations every few milliseconds. */
    static final class Writer implements Runnable {
        final Map<Long, String> inserted = new ConcurrentHashMap<>();
        final Map<Long, String> updated = new ConcurrentHashMap<>();
        final Set<Long> deleted = ConcurrentHashMap.newKeySet();
        final AtomicBoolean stop = new AtomicBoolean();
        final Subject s;
        final Random random;
        volatile Exception failure;
        int operations;

        Writer(Subject s, long seed) {
            this.s = s;
            this.random = new Random(seed);
        }

        @Override
        public void run() {
            List<Long> candidates = new ArrayList<>(s.due);
            try (Connection c = s.target.connect();
                 PreparedStatement ins = c.prepareStatement("INSERT INTO " + s.qualified()
                         + " VALUES (?, DATE '" + Subject.FIRST + "' + ?, ?, 1.5, now())");
                 PreparedStatement upd = c.prepareStatement("UPDATE " + s.qualified() + " SET note = ? WHERE id = ?");
                 PreparedStatement del = c.prepareStatement("DELETE FROM " + s.qualified() + " WHERE id = ?")) {
                long next = 1_000_000;
                while (!stop.get()) {
                    int op = random.nextInt(100);
                    if (op < 50) {
                        long id = next++;
                        String note = "inserted " + id + (id % 3 == 0 ? " | \"q\", \\ é" : "");
                        ins.setLong(1, id);
                        ins.setInt(2, random.nextInt(Subject.DUE_DAYS + 2)); // mostly due, some kept
                        ins.setString(3, note);
                        ins.executeUpdate();
                        inserted.put(id, note);
                        candidates.add(id);
                    } else if (op < 85) {
                        long id = candidates.get(random.nextInt(candidates.size()));
                        String note = "updated " + operations + (operations % 2 == 0 ? " ,|\"\n" : "");
                        upd.setString(1, note);
                        upd.setLong(2, id);
                        if (upd.executeUpdate() == 1) {
                            updated.put(id, note);
                        }
                    } else {
                        long id = candidates.get(random.nextInt(candidates.size()));
                        del.setLong(1, id);
                        if (del.executeUpdate() == 1) {
                            deleted.add(id);
                        }
                    }
                    operations++;
                    Thread.sleep(2 + random.nextInt(4));
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        String expected(long id) {
            String u = updated.get(id);
            if (u != null) {
                return u;
            }
            return inserted.containsKey(id) ? inserted.get(id) : s.notes.get(id);
        }
    }

    void run(Spec spec) throws Exception {
        Path dir = Campaign.dir("writers", spec.id());
        Target target = Target.postgres();
        try {
            String location = spec.s3() ? "s3://" + Target.BUCKET + "/" + target.database + "-" + System.nanoTime() + "/t"
                    : dir.resolve("archive").toString();
            Subject s = Subject.standard(target, dir, Mode.BOTH, spec.format(), location, ROWS_PER_DAY).create();
            List<String> args = new ArrayList<>(s.runArgs());
            args.addAll(List.of("--batch-rows", String.valueOf(spec.batchSlices() * ROWS_PER_DAY)));
            Writer writer = new Writer(s, spec.seed());
            Thread thread = new Thread(writer, "campaign-writer");
            thread.start();
            Thread.sleep(200);
            Rslc.Launch launch = KillCampaignIT.launch(dir.resolve("run"), target);
            String outcome;
            if (spec.kill()) {
                Kill.Outcome o = Kill.afterCommits(2 + new Random(spec.seed()).nextInt(4), spec.seed())
                        .apply(launch, args, target::journalRows);
                outcome = o.killed() ? "run SIGKILLed mid-way" : "run ended by itself before the kill (exit " + o.exit()
                        + (o.err().contains("40001") ? ", serialization failures past 5 attempts" : "") + ")";
            } else {
                int exit = Rslc.await(launch.start(args), 300);
                String all = Rslc.read(launch.dir.resolve("out.txt")) + Rslc.read(launch.dir.resolve("err.txt"));
                assertThat(exit).as("run with writers: " + all).isIn(0, 1);
                outcome = exit == 0 ? "run with writers exit 0" : "run with writers exit 1";
            }
            writer.stop.set(true);
            thread.join(30_000);
            assertThat(writer.failure).as("the writer's own statements").isNull();
            assertThat(writer.operations).as("the writer wrote while rslc ran").isGreaterThan(50);
            Check.Counts mid = check(s, writer, false);
            Rslc.Result rerun = Rslc.inProcess(dir, "rerun", s.runArgs());
            assertThat(rerun.exit()).as("re-run: " + rerun.all()).isZero();
            Check.Counts counts = check(s, writer, true);
            Rslc.Result verify = Rslc.inProcess(dir, "verify", s.args("verify"));
            assertThat(verify.exit()).as("verify: " + verify.all()).isZero();
            Check.noPassword(dir);
            Campaign.record("concurrent writers (insert/update/delete in the due range)", spec.kill() ? 1 : 0,
                    counts.plus(new Check.Counts(0, mid.lost(), mid.doubled())), outcome);
        } finally {
            target.drop();
        }
    }

    /** Every row the writer left alive once in table ∪ committed archive with its last value; deleted ones nowhere. */
    static Check.Counts check(Subject s, Writer w, boolean complete) throws Exception {
        Map<Long, String> table = new HashMap<>();
        try (Connection c = s.target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, note FROM " + s.qualified())) {
            while (rs.next()) {
                table.put(rs.getLong(1), rs.getString(2));
            }
        }
        List<Check.Entry> journal = Check.journal(s);
        Set<String> committed = new HashSet<>();
        journal.forEach(e -> committed.add(ArchiveScan.trim(e.location())));
        ArchiveScan scan = ArchiveScan.of(s);
        for (String folder : committed) {
            assertThat(scan.unreadable.get(folder)).as("unreadable files in the committed folder " + folder).isNull();
        }
        Map<Long, List<String>> archived = new HashMap<>();
        scan.folders.forEach((folder, rows) -> {
            if (committed.contains(folder)) {
                rows.forEach(r -> archived.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r.note()));
            }
        });
        Set<Long> alive = new HashSet<>(s.notes.keySet());
        alive.addAll(w.inserted.keySet());
        alive.removeAll(w.deleted);
        List<String> problems = new ArrayList<>();
        long lost = 0;
        long doubled = 0;
        for (Long id : alive) {
            List<String> a = archived.getOrDefault(id, List.of());
            int times = a.size() + (table.containsKey(id) ? 1 : 0);
            if (times == 0) {
                lost++;
                problems.add(id + " lost");
            } else if (times > 1) {
                doubled++;
                problems.add(id + " " + times + " times");
            }
            String value = table.containsKey(id) ? table.get(id) : a.isEmpty() ? null : a.get(0);
            if (times > 0 && !Check.sameText(s, w.expected(id), value)) {
                problems.add(id + " holds " + value + ", last committed " + w.expected(id));
            }
        }
        for (Long id : w.deleted) {
            if (archived.containsKey(id) || table.containsKey(id)) {
                doubled++;
                problems.add(id + " deleted by the writer, yet " + (table.containsKey(id) ? "in the table" : "archived"));
            }
        }
        assertThat(problems.subList(0, Math.min(20, problems.size()))).as("rows after writers (first 20 problems)")
                .isEmpty();
        long archivedRows = archived.values().stream().mapToLong(List::size).sum();
        assertThat(journal.stream().mapToLong(Check.Entry::deleted).sum()).as("journal rows_deleted").isEqualTo(archivedRows);
        if (complete) {
            Set<Long> stillDue = new HashSet<>();
            try (Connection c = s.target.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM " + s.qualified() + " WHERE d < DATE '" + Subject.CUTOFF + "'")) {
                while (rs.next()) {
                    stillDue.add(rs.getLong(1));
                }
            }
            assertThat(stillDue).as("due rows left after the quiet re-run").isEmpty();
            assertThat(scan.folders.keySet()).as("no uncommitted attempt folders").isEqualTo(committed);
            for (Check.Entry e : journal) {
                assertThat((long) scan.folders.get(ArchiveScan.trim(e.location())).size())
                        .as("rows in " + e.location()).isEqualTo(e.archived());
            }
        }
        return new Check.Counts(alive.size() + w.deleted.size(), lost, doubled);
    }
}
