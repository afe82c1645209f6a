-- The demo's tables: the sample configuration's four tables with generated rows (PostgreSQL).
-- name: create_schema
CREATE SCHEMA IF NOT EXISTS {schema}
-- name: drop_table
DROP TABLE IF EXISTS {table}
-- name: create_table
CREATE TABLE {table} (
  id BIGINT NOT NULL,
  load_date DATE NOT NULL,
  event_ts TIMESTAMP,
  amount NUMERIC(12, 2),
  qty INTEGER,
  ratio DOUBLE PRECISION,
  active BOOLEAN,
  note TEXT
)
-- name: fill
INSERT INTO {table} (id, load_date, event_ts, amount, qty, ratio, active, note)
SELECT g,
       CURRENT_DATE - CAST((g % {days}) AS INTEGER),
       CAST(CURRENT_DATE - CAST((g % {days}) AS INTEGER) AS TIMESTAMP) + (g % 86400) * INTERVAL '1 second',
       CASE WHEN g % 17 = 0 THEN NULL ELSE round((g % 100000) / 7.0, 2) END,
       CASE WHEN g % 13 = 0 THEN NULL ELSE CAST(g % 1000 AS INTEGER) END,
       CASE WHEN g % 11 = 0 THEN NULL ELSE (g % 997) / 3.0 END,
       CASE WHEN g % 7 = 0 THEN NULL ELSE g % 2 = 0 END,
       CASE WHEN g % 5 = 0 THEN NULL
            WHEN g % 5 = 1 THEN 'order ' || g || ' | "quoted", with comma'
            ELSE 'note ' || g END
FROM generate_series(1, {rows}) AS g
-- name: index
CREATE INDEX ON {table} (load_date)
-- name: analyze
ANALYZE {table}
