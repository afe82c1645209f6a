-- PostgreSQL formats CSV rows itself for the archive: one CopyData message per row, header first; rslc routes
-- each row to its slice by the text of the date column (DateStyle ISO).
-- name: copy_csv
COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER {delimiter}, NULL {null_as})
-- PostgreSQL sends the rows of several slices for a PARQUET archive in its binary send formats, one CopyData
-- message per row; the last column is the row's slice (a date), which rslc routes the row by.
-- name: copy_binary
COPY ({select}) TO STDOUT WITH (FORMAT binary)
