-- PostgreSQL VACUUM and ANALYZE; VACUUM runs outside a transaction block.
-- name: vacuum
VACUUM (ANALYZE) {table}
-- maintenance = full: rewrites the table, giving the space back to the operating system (takes an exclusive lock)
-- name: vacuum_full
VACUUM (FULL, ANALYZE) {table}
-- name: analyze
ANALYZE {table}
