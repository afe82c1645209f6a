package io.rslc.internal.aws.glue;

import io.rslc.api.RslcException;
import io.rslc.api.RslcException.ErrorCode;
import io.rslc.internal.aws.AwsErrors;
import io.rslc.internal.catalog.CatalogColumn;
import io.rslc.internal.catalog.CatalogPartition;
import io.rslc.internal.catalog.CatalogTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Registers an archive's table and its committed partitions in the Glue Data Catalog so that the catalog matches
 * the journal: the table is created, or updated when it differs; partitions missing from Glue are added, those
 * whose folder or storage changed are updated, and those no longer journaled are removed. Running it again with
 * nothing new changes nothing (Glue keeps a table version per UpdateTable, so an unchanged table is not
 * rewritten). A table that exists but was not registered by rslc for the same managed table (its
 * {@code rslc.source} property) is never touched. Table properties rslc does not set (a user's partition
 * projection, comments) are kept.
 */
public final class GlueCatalog {

    /** Glue's limits per batch call. */
    static final int CREATE_BATCH = 100;
    static final int UPDATE_BATCH = 100;
    static final int DELETE_BATCH = 25;
    /** The table properties rslc sets or may have set before; all others belong to the user. */
    static final Set<String> MANAGED_PARAMETERS = Set.of("EXTERNAL", "classification", "skip.header.line.count",
            "compressionType", CatalogTable.SOURCE_PARAMETER);

    /** What one sync did to the table. */
    public enum TableChange { CREATED, UPDATED, UNCHANGED }

    /**
     * What one sync did.
     *
     * @param databaseCreated whether the database had to be created
     * @param table           what happened to the table
     * @param added           partitions added
     * @param updated         partitions whose folder or storage changed
     * @param removed         partitions removed (no longer journaled)
     * @param unchanged       partitions already right
     */
    public record Result(boolean databaseCreated, TableChange table, int added, int updated, int removed,
                         int unchanged) {
    }

    private final GlueClient glue;

    public GlueCatalog(GlueClient glue) {
        this.glue = Objects.requireNonNull(glue, "glue");
    }

    /**
     * Makes the catalog hold exactly this table and these partitions.
     *
     * @throws RslcException with code {@code AWS} when Glue refuses, {@code USAGE} when the table belongs to
     *                       something else
     */
    public Result sync(CatalogTable table, List<CatalogPartition> partitions) {
        String where = "Glue table " + table.database() + "." + table.name();
        try {
            boolean databaseCreated = ensureDatabase(table.database());
            TableChange change = syncTable(table, where);
            Map<List<String>, PartitionInput> wanted = new LinkedHashMap<>();
            for (CatalogPartition p : partitions) {
                wanted.put(p.values(), partitionInput(table, p));
            }
            Map<List<String>, Partition> existing = new HashMap<>();
            if (change != TableChange.CREATED) {
                glue.getPartitionsPaginator(b -> b.databaseName(table.database()).tableName(table.name()))
                        .forEach(page -> page.partitions().forEach(p -> existing.put(List.copyOf(p.values()), p)));
            }
            List<PartitionInput> toAdd = new ArrayList<>();
            List<BatchUpdatePartitionRequestEntry> toUpdate = new ArrayList<>();
            int unchanged = 0;
            for (Map.Entry<List<String>, PartitionInput> w : wanted.entrySet()) {
                Partition have = existing.remove(w.getKey());
                if (have == null) {
                    toAdd.add(w.getValue());
                } else if (!sameStorage(have.storageDescriptor(), w.getValue().storageDescriptor())) {
                    toUpdate.add(BatchUpdatePartitionRequestEntry.builder().partitionValueList(w.getKey())
                            .partitionInput(w.getValue()).build());
                } else {
                    unchanged++;
                }
            }
            add(table, toAdd, where);
            update(table, toUpdate, where);
            remove(table, List.copyOf(existing.keySet()), where);
            return new Result(databaseCreated, change, toAdd.size(), toUpdate.size(), existing.size(), unchanged);
        } catch (SdkException e) {
            throw AwsErrors.aws("cannot register the archive of " + table.source() + " as " + where, e);
        }
    }

    private boolean ensureDatabase(String database) {
        try {
            glue.getDatabase(b -> b.name(database));
            return false;
        } catch (EntityNotFoundException e) {
            glue.createDatabase(b -> b.databaseInput(d -> d.name(database)
                    .description("Archives of rslc (created by rslc catalog)")));
            return true;
        }
    }

    private TableChange syncTable(CatalogTable table, String where) {
        Table have;
        try {
            have = glue.getTable(b -> b.databaseName(table.database()).name(table.name())).table();
        } catch (EntityNotFoundException e) {
            glue.createTable(b -> b.databaseName(table.database()).tableInput(tableInput(table, Map.of())));
            return TableChange.CREATED;
        }
        String owner = have.parameters() == null ? null : have.parameters().get(CatalogTable.SOURCE_PARAMETER);
        if (!table.source().toString().equals(owner)) {
            throw new RslcException(ErrorCode.USAGE, where + " exists and is not the archive of " + table.source()
                    + (owner == null ? " (it was not registered by rslc catalog)" : " (it is the archive of " + owner
                    + ")") + ": choose another --table-prefix, or drop it");
        }
        TableInput want = tableInput(table, have.parameters());
        if (sameStorage(have.storageDescriptor(), want.storageDescriptor())
                && columns(have.partitionKeys()).equals(columns(want.partitionKeys()))
                && Objects.equals(have.tableType(), want.tableType())
                && have.parameters().equals(want.parameters())) {
            return TableChange.UNCHANGED;
        }
        glue.updateTable(b -> b.databaseName(table.database()).tableInput(want));
        return TableChange.UPDATED;
    }

    /** The table's input: rslc's properties over those of the existing table that rslc does not manage. */
    static TableInput tableInput(CatalogTable t, Map<String, String> existing) {
        Map<String, String> parameters = new LinkedHashMap<>();
        existing.forEach((k, v) -> {
            if (!MANAGED_PARAMETERS.contains(k)) {
                parameters.put(k, v);
            }
        });
        parameters.put("EXTERNAL", "TRUE");
        parameters.putAll(t.parameters());
        return TableInput.builder().name(t.name()).tableType("EXTERNAL_TABLE")
                .description("Archive of " + t.source() + " written by rslc: one partition per committed slice attempt")
                .partitionKeys(glueColumns(t.partitionKeys())).parameters(parameters)
                .storageDescriptor(storage(t, t.location())).build();
    }

    static PartitionInput partitionInput(CatalogTable t, CatalogPartition p) {
        return PartitionInput.builder().values(p.values()).storageDescriptor(storage(t, p.location())).build();
    }

    private static StorageDescriptor storage(CatalogTable t, String location) {
        return StorageDescriptor.builder().columns(glueColumns(t.columns())).location(location)
                .inputFormat(t.storage().inputFormat()).outputFormat(t.storage().outputFormat())
                .compressed(t.storage().compressed())
                .serdeInfo(SerDeInfo.builder().serializationLibrary(t.storage().serializationLibrary())
                        .parameters(t.storage().serdeParameters()).build())
                .build();
    }

    private static List<Column> glueColumns(List<CatalogColumn> columns) {
        return columns.stream().map(c -> Column.builder().name(c.name()).type(c.type()).build()).toList();
    }

    /** Columns as name and type only (Glue may add comments or parameters of its own). */
    private static List<List<String>> columns(List<Column> columns) {
        return columns == null ? List.of() : columns.stream().map(c -> List.of(c.name(), c.type())).toList();
    }

    private static boolean sameStorage(StorageDescriptor have, StorageDescriptor want) {
        if (have == null) {
            return false;
        }
        SerDeInfo a = have.serdeInfo();
        SerDeInfo b = want.serdeInfo();
        return Objects.equals(have.location(), want.location())
                && columns(have.columns()).equals(columns(want.columns()))
                && Objects.equals(have.inputFormat(), want.inputFormat())
                && Objects.equals(have.outputFormat(), want.outputFormat())
                && Objects.equals(have.compressed(), want.compressed())
                && a != null && Objects.equals(a.serializationLibrary(), b.serializationLibrary())
                && Objects.equals(a.parameters(), b.parameters());
    }

    private void add(CatalogTable t, List<PartitionInput> partitions, String where) {
        for (int from = 0; from < partitions.size(); from += CREATE_BATCH) {
            var batch = partitions.subList(from, Math.min(partitions.size(), from + CREATE_BATCH));
            var errors = glue.batchCreatePartition(b -> b.databaseName(t.database()).tableName(t.name())
                    .partitionInputList(batch)).errors();
            if (!errors.isEmpty()) {
                throw failed("add", errors.size(), errors.get(0).partitionValues(), errors.get(0).errorDetail(), where);
            }
        }
    }

    private void update(CatalogTable t, List<BatchUpdatePartitionRequestEntry> entries, String where) {
        for (int from = 0; from < entries.size(); from += UPDATE_BATCH) {
            var batch = entries.subList(from, Math.min(entries.size(), from + UPDATE_BATCH));
            var errors = glue.batchUpdatePartition(b -> b.databaseName(t.database()).tableName(t.name())
                    .entries(batch)).errors();
            if (!errors.isEmpty()) {
                throw failed("update", errors.size(), errors.get(0).partitionValueList(),
                        errors.get(0).errorDetail(), where);
            }
        }
    }

    private void remove(CatalogTable t, List<List<String>> values, String where) {
        for (int from = 0; from < values.size(); from += DELETE_BATCH) {
            var batch = values.subList(from, Math.min(values.size(), from + DELETE_BATCH)).stream()
                    .map(v -> PartitionValueList.builder().values(v).build()).toList();
            var errors = glue.batchDeletePartition(b -> b.databaseName(t.database()).tableName(t.name())
                    .partitionsToDelete(batch)).errors();
            if (!errors.isEmpty()) {
                throw failed("remove", errors.size(), errors.get(0).partitionValues(), errors.get(0).errorDetail(),
                        where);
            }
        }
    }

    private static RslcException failed(String what, int count, List<String> values, ErrorDetail detail,
                                        String where) {
        return new RslcException(ErrorCode.AWS, "cannot " + what + " " + count + " partition(s) of " + where
                + ", first " + values + ": " + (detail == null ? "no detail" : detail.errorCode() + ": "
                + detail.errorMessage()));
    }
}
