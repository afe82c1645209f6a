package io.rslc.api;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A whole run's plan: per table in run order, and the configuration problems of the rules left out.
 *
 * @param asOf      the date cutoffs are computed from
 * @param zone      the zone {@code asOf} was taken in
 * @param warehouse {@code redshift} or {@code postgresql}
 * @param source    the configuration source
 * @param tables    table plans in run order (priority, then table name)
 * @param problems  configuration errors and warnings
 */
public record Plan(LocalDate asOf, ZoneId zone, String warehouse, String source, List<TablePlan> tables,
                   List<Problem> problems) {

    public Plan {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(zone, "zone");
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    /** Configuration errors (rules that were left out). */
    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /** True if every rule was valid and every table could be planned. */
    public boolean clean() {
        return errors().isEmpty() && tables.stream().noneMatch(TablePlan::failed);
    }
}
