package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.FileFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The campaign's invariants, checked by id. After a fault (intermediate): the committed archive holds each row
 * that left the table exactly once, kept rows are unchanged, the checkpoint is not ahead of the journal. After the
 * re-run (final): additionally every due row is archived (and deleted, per mode), every journal row is one attempt
 * folder with exactly its rows, and no data file lies outside a committed folder.
 */
final class Check {

    /** What one check measured: rows looked at, rows lost, rows doubled. */
    record Counts(long checked, long lost, long doubled) {
        Counts plus(Counts o) {
            return new Counts(checked + o.checked, lost + o.lost, doubled + o.doubled);
        }

        static final Counts ZERO = new Counts(0, 0, 0);
    }

    /** A journal row. */
    record Entry(String sliceStart, int generation, long archived, long deleted, String location) {
    }

    private Check() {
    }

    static List<Entry> journal(Subject s) throws Exception {
        List<Entry> out = new ArrayList<>();
        try (Connection c = s.target.connect(); java.sql.PreparedStatement st = c.prepareStatement(
                "SELECT slice_start::text, generation, rows_archived, rows_deleted, archive_location FROM "
                        + "rslc.slice_journal WHERE schema_name = ? AND table_name = ? ORDER BY slice_start, generation")) {
            st.setString(1, s.schema);
            st.setString(2, s.table);
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                out.add(new Entry(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
            }
        } catch (java.sql.SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
        return out;
    }

    /**
     * The state after a fault or at the end. Returns the counts; asserts nothing is lost or doubled, kept rows are
     * unchanged, and (if {@code complete}) that everything due was done.
     */
    static Counts rows(Subject s, boolean complete) throws Exception {
        return rows(s, complete, true);
    }

    /**
     * As {@link #rows(Subject, boolean)}; {@code checkpointBound} false skips "checkpoint not ahead of the
     * journal", which a server that loses acknowledged commits (synchronous_commit off, then a crash) breaks.
     */
    static Counts rows(Subject s, boolean complete, boolean checkpointBound) throws Exception {
        Map<Long, String> now = s.rows();
        List<Entry> journal = journal(s);
        ArchiveScan scan = ArchiveScan.of(s);
        Set<String> committed = new HashSet<>();
        for (Entry e : journal) {
            if (e.location() != null) {
                committed.add(ArchiveScan.trim(e.location()));
            }
        }
        for (String folder : committed) {
            assertThat(scan.unreadable.get(folder)).as("unreadable files in the committed folder " + folder).isNull();
        }
        Map<Long, Integer> archivedTimes = new HashMap<>();
        List<String> wrongValues = new ArrayList<>();
        for (Map.Entry<String, List<ArchiveScan.Row>> f : scan.folders.entrySet()) {
            if (!committed.contains(f.getKey())) {
                continue; // an uncommitted attempt: allowed after a fault, checked below at the end
            }
            for (ArchiveScan.Row r : f.getValue()) {
                archivedTimes.merge(r.id(), 1, Integer::sum);
                if (!sameText(s, s.notes.get(r.id()), r.note()) && wrongValues.size() < 5) {
                    wrongValues.add(r.id() + ": archived " + r.note() + ", was " + s.notes.get(r.id()));
                }
            }
        }
        Set<Long> dueSet = new HashSet<>(s.due);
        long lost = 0;
        long doubled = 0;
        List<Long> lostIds = new ArrayList<>();
        for (Long id : s.rowHash.keySet()) {
            boolean inTable = now.containsKey(id);
            int archived = archivedTimes.getOrDefault(id, 0);
            if (s.mode == Subject.Mode.BOTH) {
                if (!inTable && archived == 0) {
                    lost++;
                    lostIds.add(id);
                }
                if (archived > 1 || (inTable && archived > 0)) {
                    doubled++;
                }
            } else if (s.mode == Subject.Mode.UNLOAD) {
                if (!inTable) {
                    lost++;
                    lostIds.add(id);
                }
                if (archived > 1) {
                    doubled++;
                }
            } else if (!inTable && !dueSet.contains(id)) {
                lost++;
                lostIds.add(id);
            }
        }
        Counts counts = new Counts(s.rowHash.size(), lost, doubled);
        assertThat(lostIds).as("rows gone from the table and not in the committed archive").isEmpty();
        assertThat(doubled).as("rows archived twice, or archived and still in the table").isZero();
        assertThat(wrongValues).as("archived values differ from the rows' values").isEmpty();
        assertThat(archivedTimes.keySet()).as("only due rows are archived").isSubsetOf(dueSet);
        for (Map.Entry<Long, String> e : now.entrySet()) {
            assertThat(e.getValue()).as("row %d unchanged in the table", e.getKey()).isEqualTo(s.rowHash.get(e.getKey()));
        }
        if (s.mode.deletes()) {
            long deleted = s.rowHash.size() - now.size();
            assertThat(journal.stream().mapToLong(Entry::deleted).sum()).as("journal rows_deleted = rows gone")
                    .isEqualTo(deleted);
        }
        String checkpoint = s.checkpoint();
        if (!checkpoint.isEmpty() && checkpointBound) {
            assertThat(journal).as("a checkpoint implies a journal").isNotEmpty();
            assertThat(checkpoint).as("checkpoint never ahead of the journal")
                    .isLessThanOrEqualTo(journal.get(journal.size() - 1).sliceStart());
        }
        if (complete) {
            complete(s, now, journal, scan, committed, archivedTimes);
        }
        return counts;
    }

    private static void complete(Subject s, Map<Long, String> now, List<Entry> journal, ArchiveScan scan,
                                 Set<String> committed, Map<Long, Integer> archivedTimes) throws Exception {
        Set<Long> kept = new HashSet<>(s.rowHash.keySet());
        s.due.forEach(kept::remove);
        assertThat(now.keySet()).as("the table holds exactly the kept rows")
                .isEqualTo(s.mode.deletes() ? kept : s.rowHash.keySet());
        if (s.mode.archives()) {
            assertThat(archivedTimes.keySet()).as("every due row archived").isEqualTo(new HashSet<>(s.due));
            assertThat(scan.stray).as("files outside the layout").isEmpty();
            for (String batch : scan.batches) {
                assertThat(committed).as("the manifest of batch " + batch + " belongs to a committed slice")
                        .anyMatch(f -> f.startsWith(batch + "/"));
            }
            for (Path p : scan.localPaths) {
                assertThat(Files.getPosixFilePermissions(p)).as("permissions of " + p)
                        .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE,
                                java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
            }
            assertThat(scan.folders.keySet()).as("every attempt folder is a committed one (no orphans)")
                    .isEqualTo(committed);
            assertThat(scan.unreadable).as("unreadable files").isEmpty();
            for (Entry e : journal) {
                List<ArchiveScan.Row> rows = scan.folders.get(ArchiveScan.trim(e.location()));
                assertThat(rows).as("journaled folder " + e.location()).isNotNull();
                assertThat((long) rows.size()).as("rows in " + e.location()).isEqualTo(e.archived());
                if (s.mode.deletes()) {
                    assertThat(e.deleted()).isEqualTo(e.archived());
                }
            }
        } else {
            assertThat(journal.stream().mapToLong(Entry::deleted).sum()).isEqualTo(s.due.size());
        }
        assertThat(journal.stream().map(Entry::sliceStart).distinct().count()).as("one journaled slice per due day")
                .isEqualTo(Subject.DUE_DAYS);
        assertThat(s.checkpoint()).as("checkpoint at the last due slice").isEqualTo("2020-06-08");
    }

    /** TEXT without add_quotes writes NULL and '' alike (docs/operations.md): compare them as equal there. */
    static boolean sameText(Subject s, String expected, String actual) {
        if (s.format.format() == FileFormat.TEXT) {
            return Objects.equals(expected == null ? "" : expected, actual == null ? "" : actual);
        }
        return Objects.equals(expected, actual);
    }

    /** Asserts the password is in no file under {@code dir} (every byte, outputs, reports, archives). */
    static long noPassword(Path dir) throws Exception {
        byte[] pw = Campaign.password().getBytes(StandardCharsets.UTF_8);
        long bytes = 0;
        try (var walk = Files.walk(dir)) {
            // the restart scenario's PostgreSQL data directory is the server's storage, not something rslc wrote
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/pg-restart/")).toList()) {
                byte[] content = Files.readAllBytes(p);
                bytes += content.length;
                assertThat(indexOf(content, pw)).as("the password appears in " + p).isEqualTo(-1);
            }
        }
        return bytes;
    }

    /** Asserts the password is in no stored file of the subject's archive (S3 objects included). */
    static long noPasswordInArchive(Subject s) throws Exception {
        if (s.location == null) {
            return 0;
        }
        byte[] pw = Campaign.password().getBytes(StandardCharsets.UTF_8);
        var store = ArchiveScan.store(s);
        long bytes = 0;
        for (var f : store.list("")) {
            byte[] content;
            try (var in = store.open(f.key())) {
                content = in.readAllBytes();
            }
            bytes += content.length;
            assertThat(indexOf(content, pw)).as("the password appears in " + store.uri(f.key())).isEqualTo(-1);
        }
        return bytes;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
