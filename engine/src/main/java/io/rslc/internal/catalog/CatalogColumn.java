package io.rslc.internal.catalog;

import java.util.Objects;

/**
 * A column or partition key of a catalog table, with its Hive type ({@code bigint}, {@code decimal(12,2)},
 * {@code string}).
 */
public record CatalogColumn(String name, String type) {

    public CatalogColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
