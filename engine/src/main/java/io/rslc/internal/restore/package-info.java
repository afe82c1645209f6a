/**
 * {@code rslc restore}: brings archived slices back into a table, exactly once, each slice generation in one
 * transaction with its restore-journal row, its row count checked against the journal before commit.
 */
package io.rslc.internal.restore;
