-- PostgreSQL session settings and the per-table run lock.
-- name: time_zone
SET TIME ZONE {zone}
-- name: statement_timeout
SET statement_timeout = {millis}
-- name: try_lock
SELECT pg_try_advisory_lock({key})
-- name: unlock
SELECT pg_advisory_unlock({key})
-- name: sort_memory
SET LOCAL work_mem = '256MB'
-- COPY writes dates and timestamps as YYYY-MM-DD[ ...] whatever the server's default, so rows route by their text
-- name: iso_dates
SET LOCAL DateStyle = 'ISO, MDY'
