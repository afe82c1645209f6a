-- The slice journal: one row per committed slice, written in the slice's own transaction.
-- name: create_schema
CREATE SCHEMA IF NOT EXISTS {schema}
-- name: create_table
CREATE TABLE IF NOT EXISTS {table} (
  run_id VARCHAR(64) NOT NULL,
  schema_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(128) NOT NULL,
  column_name VARCHAR(128) NOT NULL,
  granularity VARCHAR(8) NOT NULL,
  slice_start DATE NOT NULL,
  slice_end DATE NOT NULL,
  generation INTEGER NOT NULL,
  mode VARCHAR(24) NOT NULL,
  rows_archived BIGINT NOT NULL,
  rows_deleted BIGINT NOT NULL,
  archive_location VARCHAR(2048),
  files INTEGER NOT NULL,
  bytes BIGINT NOT NULL,
  started_at TIMESTAMP NOT NULL,
  committed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (schema_name, table_name, slice_start, generation)
)
-- name: insert
INSERT INTO {table} (run_id, schema_name, table_name, column_name, granularity, slice_start, slice_end, generation, mode, rows_archived, rows_deleted, archive_location, files, bytes, started_at, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
-- name: generations
SELECT slice_start, max(generation) AS generation FROM {table} WHERE schema_name = ? AND table_name = ? GROUP BY slice_start
-- name: last_slice
SELECT max(slice_start) AS last_slice FROM {table} WHERE schema_name = ? AND table_name = ?
-- name: entries
SELECT run_id, column_name, granularity, slice_start, slice_end, generation, mode, rows_archived, rows_deleted, archive_location, files, bytes, started_at, committed_at FROM {table} WHERE schema_name = ? AND table_name = ? ORDER BY slice_start, generation
-- The run log: one row per table per run, written at the end of the run (a killed run leaves none; its slices
-- are in the journal all the same). Read by rslc status for "last run" and "failures since".
-- name: create_run_log
CREATE TABLE IF NOT EXISTS {table} (
  run_id VARCHAR(64) NOT NULL,
  schema_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(128) NOT NULL,
  status VARCHAR(16) NOT NULL,
  slices INTEGER NOT NULL,
  rows_archived BIGINT NOT NULL,
  rows_deleted BIGINT NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  message VARCHAR(1024),
  PRIMARY KEY (run_id, schema_name, table_name)
)
-- name: insert_run_log
INSERT INTO {table} (run_id, schema_name, table_name, status, slices, rows_archived, rows_deleted, started_at, finished_at, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
-- name: run_log
SELECT run_id, status, slices, rows_archived, rows_deleted, started_at, finished_at, message FROM {table} WHERE schema_name = ? AND table_name = ? ORDER BY finished_at DESC, run_id DESC
