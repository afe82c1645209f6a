-- PostgreSQL formats CSV rows itself for the archive: one CopyData message per row, header first; rslc routes
-- each row to its slice by the text of the date column (DateStyle ISO).
-- name: copy_csv
COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER {delimiter}, NULL {null_as})
