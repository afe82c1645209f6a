-- Redshift COPY of one archived slice generation back into a table (rslc restore), from the manifest UNLOAD
-- wrote beside its files. https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html
-- name: copy
COPY {table}{columns}
FROM {manifest}
IAM_ROLE {role}
MANIFEST
{options}
-- A slice that a batch archived: its folder holds only its files; the batch's manifest lists other slices' too.
-- name: copy_folder
COPY {table}{columns}
FROM {manifest}
IAM_ROLE {role}
{options}
-- name: format_csv
FORMAT AS CSV
-- name: format_parquet
FORMAT AS PARQUET
-- name: format_json
FORMAT AS JSON 'auto'
-- name: ignoreheader
IGNOREHEADER 1
-- name: delimiter
DELIMITER AS {delimiter}
-- name: removequotes
REMOVEQUOTES
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
-- name: region
REGION {region}
-- name: last_copy_count
SELECT pg_last_copy_count()
