package io.rslc.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of a run: one report per table in run order, plus the configuration problems of rules that did
 * not run. {@link #succeeded()} drives the exit code.
 */
public record RunReport(String runId, LocalDate asOf, String warehouse, Instant startedAt, Instant finishedAt,
                        List<TableReport> tables, List<Problem> problems) {

    public RunReport {
        Objects.requireNonNull(runId, "runId");
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    /** True if every rule was valid and no table failed (busy tables are not failures). */
    public boolean succeeded() {
        return problems.stream().noneMatch(Problem::isError)
                && tables.stream().noneMatch(t -> t.status() == TableReport.Status.FAILED);
    }

    /** False if the time budget stopped a table before its due slices were done: run again to continue. */
    public boolean complete() {
        return tables.stream().noneMatch(t -> t.status() == TableReport.Status.STOPPED);
    }

    public long rowsArchived() {
        return tables.stream().mapToLong(TableReport::rowsArchived).sum();
    }

    public long rowsDeleted() {
        return tables.stream().mapToLong(TableReport::rowsDeleted).sum();
    }
}
