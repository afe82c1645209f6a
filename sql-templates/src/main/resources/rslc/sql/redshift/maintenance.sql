-- Redshift VACUUM and ANALYZE; both run outside a transaction block.
-- name: vacuum
VACUUM DELETE ONLY {table}
-- name: analyze
ANALYZE {table}
