-- Statements every warehouse shares. Placeholders {name} take only identifiers or literals rendered by jOOQ.
-- name: predicate
{column} >= {start} AND {column} < {end}
-- name: predicate_open
{column} < {end}
-- name: select
SELECT * FROM {table} WHERE {predicate}
-- name: delete
DELETE FROM {table} WHERE {predicate}
-- name: count_by_slice
SELECT CAST(date_trunc({unit}, {column}) AS DATE) AS slice_start, count(*) AS row_count FROM {table} WHERE {predicate} GROUP BY 1 ORDER BY 1
