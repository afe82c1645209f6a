-- Statements every warehouse shares. Placeholders {name} take only identifiers or literals rendered by jOOQ.
-- The start of a row's slice. Any granularity, any date or timestamp type:
-- name: slice_key
CAST(date_trunc({unit}, {column}) AS DATE)
-- PostgreSQL: the row's date first (a no-op for DATE; for TIMESTAMP and TIMESTAMPTZ the date in the session's
-- time zone), so a DATE never goes through timestamptz (date_trunc on a DATE does: in a zone that skipped a
-- midnight, e.g. Pacific/Kiritimati 1994-12-31, it lands in the next day). Day slices: about half the CPU per row.
-- name: slice_key_day
CAST({column} AS DATE)
-- name: slice_key_month
CAST(date_trunc('month', CAST(CAST({column} AS DATE) AS TIMESTAMP)) AS DATE)
-- name: predicate
{column} >= {start} AND {column} < {end}
-- name: predicate_open
{column} < {end}
-- name: select
SELECT * FROM {table} WHERE {predicate}
-- name: select_ordered
SELECT * FROM {table} WHERE {predicate} ORDER BY {order}
-- name: select_routed
SELECT *, {slice_key} AS rslc_slice_start FROM {table} WHERE {predicate}
-- name: select_routed_ordered
SELECT *, {slice_key} AS rslc_slice_start FROM {table} WHERE {predicate} ORDER BY {order}
-- name: columns
SELECT * FROM {table} WHERE 1 = 0
-- name: delete
DELETE FROM {table} WHERE {predicate}
-- name: count_by_slice
SELECT {slice_key} AS slice_start, count(*) AS row_count FROM {table} WHERE {predicate} GROUP BY 1 ORDER BY 1
-- name: table_exists
SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?
-- name: column_type
SELECT data_type, is_nullable FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?
-- Rows no cutoff applies to (live planning warns about them; run only when the date column is nullable):
-- name: count_null
SELECT count(*) FROM {table} WHERE {column} IS NULL
-- rslc status: the oldest row still in the table, as a date in the session's zone.
-- name: oldest_row
SELECT CAST(min({column}) AS DATE) AS oldest FROM {table}
-- rslc restore: a new table with the source's columns (PostgreSQL and Redshift both take LIKE).
-- name: create_like
CREATE TABLE {target} (LIKE {source})
