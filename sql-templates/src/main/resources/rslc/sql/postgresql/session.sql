-- PostgreSQL session settings and the per-table run lock.
-- name: time_zone
SET TIME ZONE {zone}
-- name: statement_timeout
SET statement_timeout = {millis}
-- name: try_lock
SELECT pg_try_advisory_lock({key})
-- name: unlock
SELECT pg_advisory_unlock({key})
-- A batch read in date order sorts in memory up to 1 GB (5M rows of ~100 bytes need ~720 MB) instead of spilling
-- to disk: 1.3-1.9 s instead of 1.9-4.1 s for the 5M-row backfill. Only for that transaction; lower --batch-rows
-- to need less.
-- name: sort_memory
SET LOCAL work_mem = '1GB'
-- COPY writes dates and timestamps as YYYY-MM-DD[ ...] whatever the server's default, so rows route by their text
-- name: iso_dates
SET LOCAL DateStyle = 'ISO, MDY'
