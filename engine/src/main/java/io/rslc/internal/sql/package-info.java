/**
 * SQL rendering: templates from rslc-sql-templates filled with jOOQ-quoted identifiers and escaped literals.
 *
 * <p>Internal: no compatibility promise; any type here may change or go in any release. Use the {@code Rslc} facade, {@code io.rslc.api} and {@code io.rslc.spi}.
 */
package io.rslc.internal.sql;
