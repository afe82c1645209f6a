/**
 * Rule validation and the original's CSV format: every mistake reported with source, line, field and reason.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.config;
