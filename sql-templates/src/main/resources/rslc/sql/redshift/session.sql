-- Redshift session settings.
-- name: time_zone
SET timezone TO {zone}
-- name: statement_timeout
SET statement_timeout TO {millis}
-- name: last_unload_count
SELECT pg_last_unload_count()
