-- The per-table run lock on Redshift, which has no advisory locks: a row per locked table, taken in a
-- serializable transaction, owned by a session (pg_backend_pid) and taken over once that session is gone.
-- name: create_table
CREATE TABLE IF NOT EXISTS {table} (
  schema_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(128) NOT NULL,
  backend_pid INTEGER NOT NULL,
  holder VARCHAR(256) NOT NULL,
  taken_at TIMESTAMP NOT NULL
)
-- name: holder
SELECT backend_pid FROM {table} WHERE schema_name = ? AND table_name = ?
-- name: alive
SELECT count(*) FROM stv_sessions WHERE process = ? AND process <> pg_backend_pid()
-- name: remove
DELETE FROM {table} WHERE schema_name = ? AND table_name = ?
-- name: insert
INSERT INTO {table} (schema_name, table_name, backend_pid, holder, taken_at) VALUES (?, ?, pg_backend_pid(), ?, ?)
-- name: release
DELETE FROM {table} WHERE schema_name = ? AND table_name = ? AND backend_pid = pg_backend_pid()
