package io.rslc.internal.warehouse;

import java.util.List;

/**
 * What maintenance did after a table's deletes, and why: the statements run and the decision with the numbers
 * behind it (e.g. {@code svv_table_info: unsorted 0.0 %, deleted 31.2 %, stats_off 12.0 % -> VACUUM, ANALYZE}).
 */
public record MaintenanceOutcome(List<String> statements, String decision) {

    public MaintenanceOutcome {
        statements = List.copyOf(statements);
    }
}
