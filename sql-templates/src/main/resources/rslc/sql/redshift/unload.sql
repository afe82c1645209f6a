-- Redshift UNLOAD, https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html
-- The TO path always ends in '/': each slice attempt owns its folder.
-- name: unload
UNLOAD ({select})
TO {location}
IAM_ROLE {role}
{options}
-- name: role_default
default
-- name: format_csv
FORMAT CSV
-- name: format_parquet
FORMAT PARQUET
-- name: format_json
FORMAT JSON
-- name: partition_by
PARTITION BY ({column}) INCLUDE
-- name: header
HEADER
-- name: delimiter
DELIMITER AS {delimiter}
-- name: addquotes
ADDQUOTES
-- name: null_as
NULL AS {null_as}
-- name: escape
ESCAPE
-- name: gzip
GZIP
-- name: zstd
ZSTD
-- name: bzip2
BZIP2
-- name: encrypted
ENCRYPTED
-- name: kms_key_id
KMS_KEY_ID {key}
-- name: encrypted_auto
ENCRYPTED AUTO
-- name: manifest
MANIFEST VERBOSE
-- name: cleanpath
CLEANPATH
-- name: maxfilesize_mb
MAXFILESIZE {amount} MB
-- name: maxfilesize_gb
MAXFILESIZE {amount} GB
-- name: rowgroupsize_mb
ROWGROUPSIZE {amount} MB
-- name: parallel_off
PARALLEL OFF
-- name: region
REGION {region}
-- name: extension
EXTENSION {extension}
-- A batch of consecutive slices in one UNLOAD: every row carries its slice key and generation, which UNLOAD
-- partitions by into rslc_slice=.../rslc_gen=.../ folders (without INCLUDE: the two columns stay out of the
-- files, which hold the table's columns only, as a single slice's do).
-- name: batch_select
SELECT *, TO_CHAR({slice_key}, {key_format}) AS {slice_column}, {generation} AS {generation_column} FROM {table} WHERE {predicate}
-- name: batch_partition_by
PARTITION BY ({slice_column}, {generation_column})
-- name: generation_case
CASE TO_CHAR({slice_key}, {key_format}) {whens} ELSE {otherwise} END
-- name: generation_when
WHEN {key} THEN {generation}
