-- PostgreSQL VACUUM and ANALYZE; VACUUM runs outside a transaction block.
-- name: vacuum
VACUUM (ANALYZE) {table}
-- name: analyze
ANALYZE {table}
