/**
 * The archive as a table: what a catalog (the AWS Glue Data Catalog, Athena, Redshift Spectrum) needs to read a
 * rule's archive as one partitioned external table. {@code CommittedArchive} reads the committed state (the
 * journal's slices and generations, the newest manifest's columns, partition-column folders);
 * {@code CatalogTable} maps it to columns, partition keys and a SerDe per file format; {@code CatalogDdl} renders
 * the equivalent Athena DDL. Only journaled attempts become partitions, so an uncommitted attempt folder left by a
 * crash is never visible to readers. No AWS SDK here: the Glue client is in rslc-engine-aws.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.catalog;
