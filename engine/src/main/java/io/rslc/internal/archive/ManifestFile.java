package io.rslc.internal.archive;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.spi.ArchiveStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A manifest read back: the one rslc writes ({@link Manifest}) or Redshift's {@code MANIFEST VERBOSE}, which
 * share a shape. {@code rslc verify} checks the files against it; restore and the catalog read its schema.
 *
 * @param entries       the data files it lists, in its order
 * @param recordCount   the top-level {@code meta.record_count}, or -1 if absent
 * @param contentLength the top-level {@code meta.content_length}, or -1 if absent
 * @param columns       the {@code schema.elements}, empty if absent
 */
public record ManifestFile(List<Entry> entries, long recordCount, long contentLength, List<SchemaColumn> columns) {

    /** One listed data file: its full URL, size and rows (-1 where the manifest gives none). */
    public record Entry(String url, long contentLength, long recordCount) {
    }

    /** One column of {@code schema.elements}: its name and base type, with precision and scale (or -1). */
    public record SchemaColumn(String name, String type, int precision, int scale) {
    }

    /** The name of the manifest file inside an attempt folder. */
    public static String fileName() {
        return Manifest.NAME;
    }

    /**
     * The part of this manifest under {@code folderUri} (a folder URL ending in {@code /}): the files of one slice
     * in a Redshift batch's manifest, with totals summed from them (-1 where a file gives none).
     */
    public ManifestFile within(String folderUri) {
        List<Entry> own = entries.stream().filter(e -> e.url() != null && e.url().startsWith(folderUri)).toList();
        boolean counted = own.stream().allMatch(e -> e.recordCount() >= 0);
        boolean sized = own.stream().allMatch(e -> e.contentLength() >= 0);
        return new ManifestFile(own, counted ? own.stream().mapToLong(Entry::recordCount).sum() : -1,
                sized ? own.stream().mapToLong(Entry::contentLength).sum() : -1, columns);
    }

    /** Reads and parses the manifest at {@code key}. */
    public static ManifestFile read(ArchiveStore store, String key) {
        String json;
        try (InputStream in = store.open(key)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot read " + store.uri(key) + ": " + e.getMessage(), e);
        }
        try {
            return parse(json);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot parse the manifest " + store.uri(key) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Parses manifest JSON; fails with {@link IllegalArgumentException} on anything that is not one. */
    public static ManifestFile parse(String json) {
        if (!(JsonValues.parse(json) instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("a manifest is a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        if (root.get("entries") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                Map<?, ?> meta = e.get("meta") instanceof Map<?, ?> m ? m : Map.of();
                entries.add(new Entry((String) e.get("url"), number(meta.get("content_length")),
                        number(meta.get("record_count"))));
            }
        } else {
            throw new IllegalArgumentException("the manifest has no \"entries\" list");
        }
        Map<?, ?> meta = root.get("meta") instanceof Map<?, ?> m ? m : Map.of();
        List<SchemaColumn> columns = new ArrayList<>();
        if (root.get("schema") instanceof Map<?, ?> schema && schema.get("elements") instanceof List<?> elements) {
            for (Object o : elements) {
                Map<?, ?> c = (Map<?, ?>) o;
                Map<?, ?> type = c.get("type") instanceof Map<?, ?> t ? t : Map.of();
                columns.add(new SchemaColumn((String) c.get("name"), (String) type.get("base"),
                        (int) number(type.get("precision")), (int) number(type.get("scale"))));
            }
        }
        return new ManifestFile(List.copyOf(entries), number(meta.get("record_count")),
                number(meta.get("content_length")), List.copyOf(columns));
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : -1;
    }
}
