package io.rslc.internal.catalog;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.api.Rule;
import io.rslc.api.TableName;
import io.rslc.internal.plan.ArchiveLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's archive as one external table: its location is the rule's archive root, its columns are the archived
 * columns (lower case, as catalogs keep them, typed per file format), and its partition keys are
 * {@code rslc_slice string}, {@code rslc_gen int} and, with a {@code partition_column}, {@code rslc_<column>
 * string} holding the folder's value. That third key cannot take the column's own name: Hive forbids a partition
 * key named like a data column, and the files keep the column (Redshift's {@code PARTITION BY ... INCLUDE}),
 * which TEXT and CSV readers need in its place.
 *
 * @param source        the managed table the archive comes from
 * @param database      the catalog database
 * @param name          the catalog table's name
 * @param location      the archive root, ending in {@code /}
 * @param columns       the data columns, in file order
 * @param partitionKeys the partition keys, in folder order
 * @param storage       SerDe and formats
 * @param parameters    table properties: the format's, then {@value #SOURCE_PARAMETER}
 */
public record CatalogTable(TableName source, String database, String name, String location,
                           List<CatalogColumn> columns, List<CatalogColumn> partitionKeys, StorageFormat storage,
                           Map<String, String> parameters) {

    /** The table property naming the managed table: marks a catalog table as rslc's own. */
    public static final String SOURCE_PARAMETER = "rslc.source";

    public CatalogTable {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(storage, "storage");
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The catalog name of a managed table: {@code <prefix><schema>_<table>}, lower case, every character other
     * than a letter, digit or underscore replaced by {@code _} (the names Athena and Spectrum take unquoted).
     */
    public static String nameFor(String prefix, TableName t) {
        String raw = (prefix == null ? "" : prefix) + t.schema() + "_" + t.table();
        StringBuilder sb = new StringBuilder(raw.length());
        for (char c : raw.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return sb.toString();
    }

    /**
     * The table of a rule's archive.
     *
     * @param schema the archived columns, from a committed manifest
     * @throws RslcException with code {@code ARCHIVE} when two columns (or a column and a partition key) have the
     *                       same name ignoring case, which a catalog cannot tell apart
     */
    public static CatalogTable of(String database, String name, Rule rule, List<ManifestColumn> schema) {
        if (rule.unload().location() == null) {
            throw new IllegalArgumentException(rule.table() + " has no archive location");
        }
        StorageFormat storage = StorageFormat.of(rule.unload());
        Map<String, String> seen = new HashMap<>();
        List<CatalogColumn> columns = new ArrayList<>(schema.size());
        for (ManifestColumn c : schema) {
            columns.add(new CatalogColumn(unique(c.name(), seen, rule), HiveTypes.of(c, storage.reader())));
        }
        List<CatalogColumn> keys = new ArrayList<>(List.of(
                new CatalogColumn(unique(ArchiveLayout.SLICE_KEY, seen, rule), "string"),
                new CatalogColumn(unique(ArchiveLayout.GENERATION_KEY, seen, rule), "int")));
        if (rule.unload().partitionColumn() != null) {
            keys.add(new CatalogColumn(unique(partitionKey(rule.unload().partitionColumn()), seen, rule), "string"));
        }
        Map<String, String> parameters = new LinkedHashMap<>(storage.tableParameters());
        parameters.put(SOURCE_PARAMETER, rule.table().toString());
        return new CatalogTable(rule.table(), database, name, rule.unload().location().root(), columns, keys,
                storage, parameters);
    }

    /** The partition key of a partition column's folders: {@code rslc_<column>}, lower case. */
    static String partitionKey(String partitionColumn) {
        return "rslc_" + partitionColumn;
    }

    private static String unique(String name, Map<String, String> seen, Rule rule) {
        String lower = name.toLowerCase(Locale.ROOT);
        String before = seen.putIfAbsent(lower, name);
        if (before != null) {
            throw new RslcException(ErrorCode.ARCHIVE, "cannot catalog the archive of " + rule.table() + ": '"
                    + before + "' and '" + name + "' are the same name to a catalog, which ignores case");
        }
        return lower;
    }
}
