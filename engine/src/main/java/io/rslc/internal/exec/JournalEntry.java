package io.rslc.internal.exec;

import io.rslc.api.Slice;
import io.rslc.api.TableName;
import java.time.Instant;

/**
 * One committed slice, as recorded in the journal table in the same transaction as its DELETE.
 *
 * @param runId      the run that committed it
 * @param table      the managed table
 * @param column     the date column
 * @param slice      the slice
 * @param generation its archive generation
 * @param mode       the rule's mode then ({@code unload_and_delete}, ...)
 * @param rowsArchived rows written to the archive
 * @param rowsDeleted  rows deleted
 * @param archive    the archive folder, or null
 * @param files      data files written
 * @param bytes      bytes written
 * @param startedAt  when the slice's transaction began
 * @param committedAt when it was about to commit
 */
public record JournalEntry(String runId, TableName table, String column, Slice slice, int generation, String mode,
                           long rowsArchived, long rowsDeleted, String archive, int files, long bytes,
                           Instant startedAt, Instant committedAt) {
}
