/**
 * Extension points: what a rule store, an archive store, leases between workers, and their providers (found by
 * {@link java.util.ServiceLoader}) implement.
 */
package io.rslc.spi;
