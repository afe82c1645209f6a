-- Redshift VACUUM and ANALYZE (both run outside a transaction block), and the statistics that decide them.
-- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
-- https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html
-- name: vacuum
VACUUM {mode} {table}
-- name: delete_only
DELETE ONLY
-- name: full
FULL
-- name: sort_only
SORT ONLY
-- name: recluster
RECLUSTER
-- name: to_percent
TO {percent} PERCENT
-- name: boost
BOOST
-- name: analyze_predicate_columns
ANALYZE {table} PREDICATE COLUMNS
-- name: analyze_all_columns
ANALYZE {table} ALL COLUMNS
-- name: table_info
SELECT unsorted, stats_off, tbl_rows, estimated_visible_rows FROM svv_table_info WHERE "schema" = ? AND "table" = ?
