/**
 * The Redshift Data API as a JDBC connection (module rslc-engine-aws): a small subset of {@link java.sql.Connection}
 * over one Data API session, enough for the engine's run, status, verify and restore, so the executor, the
 * journal and the run lock work unchanged. See docs/redshift.md, "Data API".
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release.
 */
package io.rslc.internal.aws.dataapi;
