/**
 * S3 archive stores (module rslc-engine-aws): multipart uploads, listing, deletes; registered through
 * {@link java.util.ServiceLoader} as an {@link io.rslc.spi.ArchiveStoreProvider}.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.aws.s3;
