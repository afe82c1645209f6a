package io.rslc.internal.warehouse;

import io.rslc.api.Rule;
import io.rslc.internal.archive.ScanPolicy;
import io.rslc.internal.sql.PostgresSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ScanPolicy} asks of one PostgreSQL table when it plans a batch, each answer one query on the
 * planning connection: whether its columns survive binary transfer, whether an index leads with the date column,
 * and how the batch's slices lie in the heap.
 */
final class PostgresProbes implements ScanPolicy.Probes {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresProbes.class);

    private final PostgresSql sql;
    private final Connection c;
    private final Rule rule;

    PostgresProbes(PostgresSql sql, Connection c, Rule rule) {
        this.sql = sql;
        this.c = c;
        this.rule = rule;
    }

    /** True if every column of the table reads the same through binary transfer as through text. */
    @Override
    public boolean binarySafe() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet none = st.executeQuery(sql.slices().columns(rule).sql())) {
            return binarySafe(none.getMetaData());
        }
    }

    /**
     * PostgreSQL types whose values read the same through the driver's binary transfer as through text. Others
     * differ: {@code bytea} would read as a Java array's identity, {@code timetz} shifted to UTC, arrays and
     * geometric types re-spelled; a table with any of them is read as text.
     */
    private static final Set<String> BINARY_SAFE = Set.of("int2", "int4", "int8", "float4", "float8", "numeric",
            "bool", "date", "timestamp", "timestamptz", "text", "varchar", "bpchar", "name");

    static boolean binarySafe(ResultSetMetaData meta) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (!BINARY_SAFE.contains(meta.getColumnTypeName(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if a B-tree index leads with the rule's date column: the batch is then read ordered by it (PostgreSQL
     * walks the index rather than sorting when that is cheaper), without first scanning the whole range to see
     * whether heap order would do (0.5 s of 5M rows on the benchmark's table).
     */
    @Override
    public boolean dateIndexed() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.dateIndex(rule))) {
            boolean indexed = rs.next() && rs.getBoolean(1);
            if (indexed) {
                LOG.debug("{}: {} leads a B-tree index: read ordered by it", rule.table(), rule.column());
            }
            return indexed;
        }
    }

    /**
     * How the slices of {@code [from, to)} lie in the heap in the batch's snapshot (see {@link HeapSpread}), if the
     * table is a plain one without children; else null. Null too on servers before PostgreSQL 14, which cannot
     * take min/max of a ctid.
     */
    @Override
    public ScanPolicy.HeapLayout heapLayout(LocalDate from, LocalDate to) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() < 14) {
            return null;
        }
        List<HeapSpread.Stretch> stretches = new ArrayList<>();
        Map<LocalDate, Long> counts = new LinkedHashMap<>();
        double rowBytes;
        long columns;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(sql.rowBytes(rule))) {
                if (!rs.next() || !rs.getBoolean(3)) {
                    LOG.debug("{}: not a plain table without children: sorted", rule.table());
                    return null;
                }
                rowBytes = rs.getDouble(1);
                columns = rs.getLong(2);
            }
            try (ResultSet rs = st.executeQuery(sql.sliceSpread(rule, from, to))) {
                while (rs.next()) {
                    long rows = rs.getLong(4);
                    stretches.add(new HeapSpread.Stretch(HeapSpread.tid(rs.getString(2)),
                            HeapSpread.tid(rs.getString(3)), rows));
                    counts.put(rs.getObject(1, LocalDate.class), rows);
                }
            }
        }
        HeapSpread.Overlap overlap = HeapSpread.overlap(stretches);
        return new ScanPolicy.HeapLayout(counts, overlap.stretches(), overlap.rows(), rowBytes, columns);
    }
}
