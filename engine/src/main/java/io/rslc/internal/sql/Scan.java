package io.rslc.internal.sql;

/**
 * How a transaction reads the rows it archives: chosen per transaction by the warehouse (from the rule, and when
 * planned live, from the table's columns, indexes and heap), rendered into its statements, and read again by the
 * code that consumes the rows, so both always agree.
 *
 * @param read  the statement that reads the rows
 * @param order the order the rows come in
 */
public record Scan(Read read, Order order) {

    /** One slice per transaction: {@code SELECT * ... WHERE <slice>} through JDBC (PostgreSQL), or UNLOAD. */
    public static final Scan ONE_SLICE = new Scan(Read.SELECT, Order.ANY);

    /** The statement that reads a transaction's rows. */
    public enum Read {
        /** {@code SELECT *} of one slice (or Redshift's UNLOAD of one). */
        SELECT,
        /** {@code COPY (SELECT * ...) TO STDOUT WITH (FORMAT csv ...)}: PostgreSQL encodes the CSV. */
        COPY_CSV,
        /** {@code COPY (SELECT *, slice_key ...) TO STDOUT WITH (FORMAT binary)}: tuples rslc encodes. */
        COPY_BINARY,
        /** {@code SELECT *, slice_key ...} through JDBC in text: columns binary transfer cannot read unchanged. */
        SELECT_ROUTED,
        /** The same SELECT with values in binary transfer (formats rslc encodes from a result set, safe columns). */
        SELECT_ROUTED_BINARY,
        /** Nothing is archived (delete-only rules). */
        NONE
    }

    /** The order rows arrive in. */
    public enum Order {
        /** Any: each writer keeps every folder's file open. */
        ANY,
        /** {@code ORDER BY} the date column (and partition column): an index walk or a sort in memory. */
        SORTED,
        /** Heap order with synchronized scans, parallel workers and index scans off: few slices interleave. */
        HEAP
    }
}
