package io.rslc.internal.archive.format;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.schema.MessageType;

/**
 * What rslc's two Parquet write supports share: the file schema {@link ParquetSchema} makes of the archived columns,
 * and the writer's name. Subclasses feed rows of their own form ({@link RowWriteSupport}: values;
 * {@code copy.TupleWriteSupport}: binary COPY tuples).
 */
public abstract class SchemaWriteSupport<T> extends WriteSupport<T> {

    private final MessageType schema;

    public SchemaWriteSupport(List<Column> columns) {
        this.schema = ParquetSchema.of(columns);
    }

    @Override
    public final WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in parquet-mr, so it must be implemented
    public final WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public final String getName() {
        return "rslc";
    }
}
