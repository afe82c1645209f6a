-- How a batch's rows are read on PostgreSQL. Rows of many slices are wanted slice after slice (a file per slice);
-- when the heap already holds them that way (append-only tables), reading in physical order saves the sort.
-- Where each slice's rows lie in the heap: the first and the last tuple id of each slice (PostgreSQL 14+), and
-- how many rows it has (in heap order, a slice's files complete with its last row).
-- name: slice_spread
SELECT {slice_key} AS slice_start, min(ctid) AS first_tuple, max(ctid) AS last_tuple, count(*) AS row_count FROM {table} WHERE {predicate} GROUP BY 1
-- What the rows of slices interleaved in the heap may hold in open files at once: the table's bytes per row, roughly
-- (its size with TOAST over the planner's row estimate; no estimate: its whole size), and its column count. Only a
-- plain table without children reads in one heap's order: a partitioned or inheritance parent scans child after
-- child, each with rows of every slice.
-- name: row_bytes
SELECT pg_catalog.pg_table_size(c.oid)::float8 / greatest(c.reltuples, 1) AS row_bytes, (SELECT count(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns, c.relkind = 'r' AND NOT c.relhassubclass AS plain FROM pg_catalog.pg_class c WHERE c.oid = CAST({table_name} AS regclass)
-- A sequential scan from the first block (not joined to another scan midway) and no parallel workers: rows come
-- in heap order.
-- name: heap_order
SET LOCAL synchronize_seqscans = off
-- name: no_parallel_workers
SET LOCAL max_parallel_workers_per_gather = 0
-- name: no_index_scan
SET LOCAL enable_indexscan = off
-- name: no_index_only_scan
SET LOCAL enable_indexonlyscan = off
-- Whether a valid, non-partial B-tree index leads with the date column: then the ordered SELECT can walk it
-- (no sort before the first row), and a full scan to find out whether heap order would do is not worth its cost.
-- name: date_index
SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_am am ON am.oid = c.relam JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = CAST({table_name} AS regclass) AND a.attname = {column} AND am.amname = 'btree' AND i.indisvalid AND i.indpred IS NULL) AS date_index
