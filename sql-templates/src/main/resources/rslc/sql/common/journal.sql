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
-- The restore journal: one row per archived slice generation restored into a table, written in the restore's own
-- transaction (so a restore is exactly once, and resumes after a kill). held: restored into the source table
-- itself, so runs leave the slice alone until rslc restore --release.
-- name: create_restore_journal
CREATE TABLE IF NOT EXISTS {table} (
  run_id VARCHAR(64) NOT NULL,
  source_schema VARCHAR(128) NOT NULL,
  source_table VARCHAR(128) NOT NULL,
  target_schema VARCHAR(128) NOT NULL,
  target_table VARCHAR(128) NOT NULL,
  slice_start DATE NOT NULL,
  generation INTEGER NOT NULL,
  row_count BIGINT NOT NULL,
  held BOOLEAN NOT NULL,
  restored_at TIMESTAMP NOT NULL,
  PRIMARY KEY (source_schema, source_table, target_schema, target_table, slice_start, generation)
)
-- name: insert_restore
INSERT INTO {table} (run_id, source_schema, source_table, target_schema, target_table, slice_start, generation, row_count, held, restored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
-- name: restored
SELECT slice_start, generation FROM {table} WHERE source_schema = ? AND source_table = ? AND target_schema = ? AND target_table = ?
-- name: forget_target
DELETE FROM {table} WHERE target_schema = ? AND target_table = ?
-- name: held
SELECT DISTINCT slice_start FROM {table} WHERE source_schema = ? AND source_table = ? AND target_schema = source_schema AND target_table = source_table AND held
-- name: release
UPDATE {table} SET held = FALSE WHERE source_schema = ? AND source_table = ? AND target_schema = source_schema AND target_table = source_table AND held AND slice_start >= ? AND slice_start <= ?
