/**
 * The AWS Glue Data Catalog (module rslc-engine-aws): registers a rule's archive, as the engine's
 * {@code io.rslc.internal.catalog} describes it, as an external table with one partition per committed slice
 * attempt, idempotently ({@code rslc catalog}).
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.aws.glue;
