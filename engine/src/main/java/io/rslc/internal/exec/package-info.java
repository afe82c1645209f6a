/**
 * The executor: per table lock, check, live plan, slices in transactions, journal, checkpoint.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.exec;
