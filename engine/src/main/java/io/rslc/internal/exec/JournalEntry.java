package io.rslc.internal.exec;

import io.rslc.api.SliceReport;
import io.rslc.api.TableName;
import java.time.Instant;

/**
 * One committed slice as the journal table holds it: the slice's outcome (the same {@link SliceReport} the run
 * reports) with the run, table and times it was committed under. Written in the slice's transaction, read back
 * by {@link Journal#entries}.
 *
 * @param runId       the run that committed it
 * @param table       the managed table
 * @param column      the date column
 * @param mode        the rule's mode then ({@code unload_and_delete}, ...)
 * @param outcome     the slice, its generation, rows archived and deleted, files, bytes and folder (read back:
 *                    attempts 0, duration from the two times)
 * @param startedAt   when the slice's transaction began
 * @param committedAt when it was about to commit
 */
public record JournalEntry(String runId, TableName table, String column, String mode, SliceReport outcome,
                           Instant startedAt, Instant committedAt) {
}
