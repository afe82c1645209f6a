package io.rslc.internal.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One partition of an archive's table: a committed slice attempt (or one partition-column folder inside it), with
 * its values in the order of the table's partition keys and the folder it reads.
 *
 * @param values   {@code [rslc_slice, rslc_gen]}, plus the partition column's folder value (unescaped)
 * @param location the folder's full address, ending in {@code /}
 */
public record CatalogPartition(List<String> values, String location) {

    public CatalogPartition {
        values = List.copyOf(values);
        Objects.requireNonNull(location, "location");
    }
}
