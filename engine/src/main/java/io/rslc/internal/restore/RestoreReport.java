package io.rslc.internal.restore;

import io.rslc.api.TableName;
import java.util.List;

/**
 * What {@code rslc restore} did for one table.
 *
 * @param source   the managed table whose archive was read
 * @param target   the table the rows went into
 * @param created  true if {@code target} was created by this restore ({@code CREATE TABLE ... (LIKE source)})
 * @param held     true if the rows went back into the source table, so runs hold those slices until released
 * @param slices   slice generations restored now
 * @param rows     rows restored now (each generation's count equal to the journal's, checked before commit)
 * @param skipped  slice generations restored before (the restore journal says so)
 * @param notes    what else is worth knowing
 */
public record RestoreReport(TableName source, TableName target, boolean created, boolean held, int slices, long rows,
                            int skipped, List<String> notes) {
}
