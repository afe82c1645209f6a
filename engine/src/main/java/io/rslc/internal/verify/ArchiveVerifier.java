package io.rslc.internal.verify;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.api.Rule;
import io.rslc.api.SliceReport;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.archive.AttemptManifest;
import io.rslc.internal.archive.ManifestFile;
import io.rslc.internal.exec.JournalEntry;
import io.rslc.internal.plan.ArchiveLayout;
import io.rslc.internal.verify.Finding.Problem;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one table's archive against its journal entries, without a database: each committed generation's
 * manifest, files, sizes and row counts (read from the files), and what lies beside them that no committed
 * slice references. Works on any {@link ArchiveStore} (local or S3) and on what Redshift's UNLOAD wrote.
 */
public final class ArchiveVerifier {

    private static final Pattern ATTEMPT = Pattern.compile("((?:" + ArchiveLayout.BATCH_KEY + "=[^/]+/)?"
            + ArchiveLayout.SLICE_KEY + "=([^/]+)/" + ArchiveLayout.GENERATION_KEY + "=(\\d+)/)(.*)");
    private static final Pattern BATCH_MANIFEST = Pattern.compile(
            "(" + ArchiveLayout.BATCH_KEY + "=[^/]+/)" + ManifestFile.fileName());

    private final Function<ArchiveLocation, ArchiveStore> stores;

    public ArchiveVerifier(Function<ArchiveLocation, ArchiveStore> stores) {
        this.stores = stores;
    }

    /**
     * Verifies the entries whose slice key {@code inRange} accepts, and looks for orphans in those slices.
     *
     * @param all every journal entry of the table (orphans are judged against all of them)
     */
    public Result verify(Rule rule, List<JournalEntry> all, Predicate<String> inRange) {
        Result r = new Result();
        UnloadOptions options = rule.unload();
        for (JournalEntry e : all) {
            if (e.outcome().archive() != null && inRange.test(e.outcome().slice().key())) {
                checkEntry(rule, e, options, r);
            }
        }
        for (Map.Entry<String, ArchiveLocation> root : roots(rule, all).entrySet()) {
            findOrphans(rule, root.getValue(), all, inRange, r);
        }
        return r;
    }

    /** Removes the orphans among {@code findings}, telling {@code removing} first; returns the URIs removed. */
    public List<String> clean(List<Finding> findings, Result r, java.util.function.Consumer<Finding> removing) {
        List<String> removed = new ArrayList<>();
        for (Finding f : findings) {
            Orphan o = r.orphans.get(f.uri());
            if (f.orphan() && o != null) {
                removing.accept(f);
                if (o.folder) {
                    o.store.deleteFolder(o.key);
                } else {
                    o.store.delete(o.key);
                }
                removed.add(f.uri());
            }
        }
        return removed;
    }

    private void checkEntry(Rule rule, JournalEntry e, UnloadOptions options, Result r) {
        SliceReport o = e.outcome();
        String slice = o.slice().key();
        int gen = o.generation();
        r.slices++;
        ArchiveStore store = stores.apply(ArchiveLayout.recorded(o.archive()));
        List<StoredFile> present = store.list("");
        Map<String, Long> sizes = new LinkedHashMap<>();
        present.forEach(f -> sizes.put(f.key(), f.size()));
        String manifestKey = ManifestFile.fileName();
        if (present.isEmpty()) {
            r.add(rule, slice, gen, Problem.MISSING_FOLDER, o.archive(), "the committed folder is empty or gone ("
                    + o.rowsArchived() + " journaled row(s))");
            return;
        }
        AttemptManifest at = AttemptManifest.of(o.archive(), stores);
        if (at.shared() ? !r.batchManifests.containsKey(at.uri()) && !at.exists() : !sizes.containsKey(manifestKey)) {
            r.add(rule, slice, gen, Problem.MISSING_MANIFEST, at.uri(), "no manifest");
            return;
        }
        ManifestFile manifest;
        try {
            manifest = at.read(r.batchManifests);
        } catch (RslcException ex) {
            r.add(rule, slice, gen, Problem.BAD_MANIFEST, at.uri(), ex.getMessage());
            return;
        }
        String base = store.uri("");
        String prefix = base.endsWith("/") ? base : base + "/";
        long listedRows = 0;
        long listedBytes = 0;
        Set<String> listed = new HashSet<>();
        for (ManifestFile.Entry m : manifest.entries()) {
            String key = m.url() != null && m.url().startsWith(prefix) ? m.url().substring(prefix.length()) : null;
            if (key == null) {
                r.add(rule, slice, gen, Problem.BAD_MANIFEST, at.uri(), "lists " + m.url()
                        + ", outside its folder");
                continue;
            }
            listed.add(key);
            listedRows += Math.max(0, m.recordCount());
            listedBytes += Math.max(0, m.contentLength());
            Long size = sizes.get(key);
            if (size == null) {
                r.add(rule, slice, gen, Problem.MISSING_FILE, m.url(), "listed with " + m.recordCount()
                        + " row(s), not there");
                continue;
            }
            if (m.contentLength() >= 0 && size != m.contentLength()) {
                r.add(rule, slice, gen, Problem.SIZE_MISMATCH, m.url(), size + " byte(s), the manifest says "
                        + m.contentLength());
            }
            long rows;
            try {
                rows = RowCounter.count(store, key, options);
            } catch (IOException | RslcException ex) {
                r.add(rule, slice, gen, Problem.UNREADABLE_FILE, m.url(), ex.getMessage());
                continue;
            }
            r.files++;
            r.bytes += size;
            r.rows += rows;
            if (m.recordCount() >= 0 && rows != m.recordCount()) {
                r.add(rule, slice, gen, Problem.ROW_COUNT_MISMATCH, m.url(), rows + " row(s) in the file, the "
                        + "manifest says " + m.recordCount());
            }
        }
        if (manifest.recordCount() >= 0 && manifest.recordCount() != listedRows) {
            r.add(rule, slice, gen, Problem.MANIFEST_TOTAL_MISMATCH, at.uri(), "its files list "
                    + listedRows + " row(s), its total says " + manifest.recordCount());
        }
        if (listedRows != o.rowsArchived()) {
            r.add(rule, slice, gen, Problem.JOURNAL_ROWS_MISMATCH, at.uri(), "the manifest lists "
                    + listedRows + " row(s), the journal " + o.rowsArchived());
        }
        if (o.files() > 0 && manifest.entries().size() != o.files()) {
            r.add(rule, slice, gen, Problem.JOURNAL_FILES_MISMATCH, at.uri(), "the manifest lists "
                    + manifest.entries().size() + " file(s), the journal " + o.files());
        }
        if (o.bytes() > 0 && listedBytes != o.bytes()) {
            r.add(rule, slice, gen, Problem.JOURNAL_BYTES_MISMATCH, at.uri(), "the manifest lists "
                    + listedBytes + " byte(s), the journal " + o.bytes());
        }
        for (String key : sizes.keySet()) {
            if (!key.equals(manifestKey) && !listed.contains(key)) {
                r.add(rule, slice, gen, Problem.UNLISTED_FILE, store.uri(key), "in a committed folder but not in "
                        + "its manifest: readers of the folder would count it");
                r.orphans.put(store.uri(key), new Orphan(store, key, false));
            }
        }
    }

    /** The rule's archive root and every root the journal's folders lie under (a rule's path may have changed). */
    private static Map<String, ArchiveLocation> roots(Rule rule, List<JournalEntry> all) {
        Map<String, ArchiveLocation> roots = new LinkedHashMap<>();
        rule.unload().locationIfAny().ifPresent(l -> roots.put(l.root(), l));
        Set<String> seen = new LinkedHashSet<>();
        for (JournalEntry e : all) {
            String a = e.outcome().archive();
            if (a == null) {
                continue;
            }
            String folder = a.endsWith("/") ? a : a + "/";
            String batch = ArchiveLayout.batchOf(folder);
            folder = batch != null ? batch : folder;
            String tail = batch != null ? batch.substring(batch.lastIndexOf('/', batch.length() - 2) + 1)
                    : ArchiveLayout.attemptFolder(e.outcome().slice(), e.outcome().generation());
            if (folder.endsWith(tail) && seen.add(folder.substring(0, folder.length() - tail.length()))) {
                ArchiveLocation root = ArchiveLayout.recorded(folder.substring(0, folder.length() - tail.length()));
                roots.putIfAbsent(root.root(), root);
            }
        }
        return roots;
    }

    private void findOrphans(Rule rule, ArchiveLocation root, List<JournalEntry> all, Predicate<String> inRange,
                             Result r) {
        Set<String> committed = new HashSet<>();
        Set<String> committedBatches = new HashSet<>();
        for (JournalEntry e : all) {
            if (e.outcome().archive() != null) {
                committed.add(folderUri(e.outcome().archive()));
                String batch = ArchiveLayout.batchOf(e.outcome().archive());
                if (batch != null) {
                    committedBatches.add(folderUri(batch));
                }
            }
        }
        ArchiveStore store = stores.apply(root);
        Map<String, Long> uncommitted = new LinkedHashMap<>();
        Map<String, String[]> keys = new HashMap<>();
        for (StoredFile f : store.list("")) {
            Matcher b = BATCH_MANIFEST.matcher(f.key());
            if (b.matches()) {
                if (!committedBatches.contains(folderUri(store.uri(b.group(1))))) {
                    r.add(rule, null, 0, Problem.UNCOMMITTED_GENERATION, store.uri(f.key()), "the manifest of a "
                            + "batch none of whose slices committed (no journal entry)");
                    r.orphans.put(store.uri(f.key()), new Orphan(store, f.key(), false));
                }
                continue;
            }
            Matcher m = ATTEMPT.matcher(f.key());
            if (!m.matches()) {
                r.add(rule, null, 0, Problem.STRAY_FILE, store.uri(f.key()), "outside the slice layout; not "
                        + "removed by --clean-orphans (it may be someone else's)");
                continue;
            }
            if (committed.contains(folderUri(store.uri(m.group(1)))) || !inRange.test(m.group(2))) {
                continue;
            }
            uncommitted.merge(m.group(1), 1L, Long::sum);
            keys.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        for (Map.Entry<String, Long> u : uncommitted.entrySet()) {
            String[] k = keys.get(u.getKey());
            String uri = store.uri(u.getKey());
            int gen = Integer.parseInt(u.getKey().replaceAll(".*=(\\d+)/$", "$1"));
            r.add(rule, k[0], gen, Problem.UNCOMMITTED_GENERATION, uri, u.getValue() + " file(s) of an attempt "
                    + "that never committed (no journal entry)");
            r.orphans.put(uri, new Orphan(store, u.getKey(), true));
        }
    }

    /** A folder's address without its trailing separator, as journal and store spell it alike. */
    private static String folderUri(String uri) {
        return uri.endsWith("/") || uri.endsWith(java.io.File.separator) ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Counters and findings of one table, filled as it is checked. */
    public static final class Result {
        int slices;
        long rows;
        long files;
        long bytes;
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Orphan> orphans = new HashMap<>();
        /** Redshift batches' shared manifests, read once for all their slices. */
        final Map<String, ManifestFile> batchManifests = new HashMap<>();

        void add(Rule rule, String slice, int gen, Problem p, String uri, String detail) {
            findings.add(new Finding(rule.table(), slice, gen, p, uri, detail));
        }

        /** What was found, in the order found. */
        public List<Finding> findings() {
            return List.copyOf(findings);
        }

        TableVerification report(Rule rule, List<String> removed, String note) {
            return new TableVerification(rule.table(), slices, rows, files, bytes, findings(), removed, note, null);
        }
    }

    private record Orphan(ArchiveStore store, String key, boolean folder) {
    }
}
