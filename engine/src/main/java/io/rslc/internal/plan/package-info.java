/**
 * Offline planning: slices between a checkpoint and the cutoff, archive layout of attempts and generations.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.plan;
