-- Statements every warehouse shares. Placeholders {name} take only identifiers or literals rendered by jOOQ.
-- name: predicate
{column} >= {start} AND {column} < {end}
-- name: predicate_open
{column} < {end}
-- name: select
SELECT * FROM {table} WHERE {predicate}
-- name: select_routed
SELECT *, CAST(date_trunc({unit}, {column}) AS DATE) AS rslc_slice_start FROM {table} WHERE {predicate}
-- name: select_routed_ordered
SELECT *, CAST(date_trunc({unit}, {column}) AS DATE) AS rslc_slice_start FROM {table} WHERE {predicate} ORDER BY {order}
-- name: select_routed_first
SELECT CAST(date_trunc({unit}, {column}) AS DATE) AS rslc_slice_start, * FROM {table} WHERE {predicate}
-- name: select_routed_first_ordered
SELECT CAST(date_trunc({unit}, {column}) AS DATE) AS rslc_slice_start, * FROM {table} WHERE {predicate} ORDER BY {order}
-- name: columns
SELECT * FROM {table} WHERE 1 = 0
-- name: delete
DELETE FROM {table} WHERE {predicate}
-- name: count_by_slice
SELECT CAST(date_trunc({unit}, {column}) AS DATE) AS slice_start, count(*) AS row_count FROM {table} WHERE {predicate} GROUP BY 1 ORDER BY 1
-- name: table_exists
SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?
-- name: column_type
SELECT data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?
