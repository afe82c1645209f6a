package io.rslc.internal.catalog;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.RslcException;
import io.rslc.internal.archive.AttemptManifest;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.Rule;
import io.rslc.api.SliceReport;
import io.rslc.internal.exec.JournalEntry;
import io.rslc.spi.ArchiveStore;
import io.rslc.spi.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What of a rule's archive is committed, read from the journal: one partition per journaled (slice, generation),
 * at the folder the journal names (or, with a partition column, one per folder inside it), and the columns of the
 * newest committed manifest. An attempt folder the journal does not name (a crashed attempt that the next run of
 * the slice will clean and rewrite) is never listed, so no reader sees its rows.
 *
 * @param columns    the archived columns; empty when nothing is archived yet
 * @param partitions the partitions, oldest slice first
 */
public record CommittedArchive(List<ManifestColumn> columns, List<CatalogPartition> partitions) {

    /** The name of the manifest in an attempt folder. */
    static final String MANIFEST = "manifest";
    /** Manifests tried, newest commit first, before giving up on reading the columns. */
    private static final int MANIFESTS_TRIED = 3;

    public CommittedArchive {
        columns = List.copyOf(columns);
        partitions = List.copyOf(partitions);
    }

    /**
     * Reads the committed archive of a rule.
     *
     * @param entries the rule's journal entries ({@code Journal.entries}), oldest slice first
     * @param stores  opens the store of a folder (local, or S3 with rslc-engine-aws)
     */
    public static CommittedArchive read(Rule rule, List<JournalEntry> entries,
                                        Function<ArchiveLocation, ArchiveStore> stores) {
        List<JournalEntry> archived = entries.stream().filter(e -> e.outcome().archive() != null).toList();
        if (archived.isEmpty()) {
            return new CommittedArchive(List.of(), List.of());
        }
        String column = rule.unload().partitionColumn();
        List<CatalogPartition> partitions = new ArrayList<>();
        for (JournalEntry e : archived) {
            SliceReport o = e.outcome();
            String folder = folder(o.archive());
            List<String> values = List.of(o.slice().key(), Integer.toString(o.generation()));
            if (column == null) {
                partitions.add(new CatalogPartition(values, folder));
                continue;
            }
            for (String sub : partitionFolders(stores.apply(location(folder)), folder, column)) {
                List<String> withValue = new ArrayList<>(values);
                withValue.add(unescape(sub.substring(sub.indexOf('=') + 1, sub.length() - 1)));
                partitions.add(new CatalogPartition(withValue, folder + sub));
            }
        }
        return new CommittedArchive(columns(archived, stores), partitions);
    }

    /** The columns of the newest committed manifest that can be read (a slice with rows first). */
    private static List<ManifestColumn> columns(List<JournalEntry> archived,
                                                Function<ArchiveLocation, ArchiveStore> stores) {
        List<JournalEntry> newest = archived.stream()
                .sorted(Comparator.comparing((JournalEntry e) -> e.outcome().rowsArchived() > 0).reversed()
                        .thenComparing(JournalEntry::committedAt, Comparator.reverseOrder()))
                .limit(MANIFESTS_TRIED).toList();
        RslcException last = null;
        for (JournalEntry e : newest) {
            // a slice's own manifest, or the one of the Redshift batch that archived it
            AttemptManifest at = AttemptManifest.of(folder(e.outcome().archive()), stores);
            try (InputStream in = at.store().open(at.key())) {
                return ManifestColumn.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), at.uri());
            } catch (IOException ex) {
                last = new RslcException(ErrorCode.ARCHIVE, "cannot read " + at.uri() + ": " + ex.getMessage(), ex);
            } catch (RslcException ex) {
                last = ex;
            }
        }
        throw new RslcException(ErrorCode.ARCHIVE, "no readable manifest in the " + newest.size()
                + " newest committed attempt folder(s), so the archived columns are unknown: " + last.getMessage(),
                last);
    }

    /**
     * The {@code column=value/} folders directly inside an attempt folder, sorted. A data file outside them would
     * be in no partition, so it is an error rather than rows silently left out.
     */
    private static Set<String> partitionFolders(ArchiveStore store, String attempt, String column) {
        Set<String> folders = new TreeSet<>();
        for (StoredFile f : store.list("")) {
            String key = f.key();
            int slash = key.indexOf('/');
            int eq = key.indexOf('=');
            if (slash > 0 && eq > 0 && eq < slash
                    && unescape(key.substring(0, eq)).toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                folders.add(key.substring(0, slash + 1));
            } else if (!key.equals(MANIFEST) && !hidden(key)) {
                throw new RslcException(ErrorCode.ARCHIVE, "the committed attempt " + attempt + " holds " + key
                        + ", which is outside every " + column + "=<value>/ folder: no partition would read it");
            }
        }
        return folders;
    }

    /** Files readers skip: a name starting with {@code .} or {@code _}. */
    private static boolean hidden(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.startsWith(".") || name.startsWith("_");
    }

    /** A folder address ending in {@code /}. */
    static String folder(String address) {
        return address.endsWith("/") ? address : address + "/";
    }

    /** The location of a journaled folder: {@code s3://...} or a local path. */
    static ArchiveLocation location(String folder) {
        return folder.regionMatches(true, 0, "s3://", 0, 5) ? ArchiveLocation.s3(folder)
                : ArchiveLocation.local(folder.startsWith("file:") ? Path.of(java.net.URI.create(folder))
                : Path.of(folder));
    }

    /** Undoes Hive's {@code %XX} escaping of partition folder names. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                sb.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
