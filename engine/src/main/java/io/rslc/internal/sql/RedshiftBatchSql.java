package io.rslc.internal.sql;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Granularity;
import io.rslc.api.PlannedStatement;
import io.rslc.api.Rule;
import io.rslc.api.SlicePlan;
import io.rslc.api.TransactionPlan;
import io.rslc.internal.plan.ArchiveLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Redshift batch: consecutive slices in one transaction, archived by ONE UNLOAD that partitions every row by its
 * slice key and generation into the slice's attempt folder inside the batch's own folder
 * ({@link ArchiveLayout#batch}), counted in the same snapshot, deleted by ONE DELETE (docs/redshift.md, "Batches").
 */
final class RedshiftBatchSql {

    private static final SqlDialect D = SqlDialect.REDSHIFT;

    private final RedshiftSql sql;

    RedshiftBatchSql(RedshiftSql sql) {
        this.sql = sql;
    }

    TransactionPlan transaction(Rule rule, List<SlicePlan> slices) {
        if (!sql.batches(rule)) {
            throw new IllegalArgumentException(rule.origin() + ": a rule with a partition_column runs one slice per "
                    + "transaction on Redshift");
        }
        LocalDate from = slices.get(0).slice().start();
        LocalDate to = slices.get(slices.size() - 1).slice().end();
        List<PlannedStatement> out = new ArrayList<>();
        if (rule.mode().archives()) {
            ArchiveLocation target = ArchiveLayout.batch(rule.unload().location(), slices.get(0).slice(),
                    slices.get(0).generation());
            slices = slices.stream().map(s -> new SlicePlan(s.slice(), s.rows(), s.generation(),
                    target.resolve(ArchiveLayout.attemptFolder(s.slice(), s.generation())).root())).toList();
            out.add(new PlannedStatement(PlannedStatement.Role.ARCHIVE, unloadBatch(rule, slices, target)));
            out.add(new PlannedStatement(PlannedStatement.Role.VERIFY,
                    SqlTemplates.get(RedshiftSql.SESSION, "last_unload_count").render().sql()));
            out.add(new PlannedStatement(PlannedStatement.Role.VERIFY,
                    sql.slices().countBySlice(rule, from, to).sql()));
        }
        if (rule.mode().deletes()) {
            out.add(new PlannedStatement(PlannedStatement.Role.DELETE, sql.slices().delete(rule, from, to).sql()));
        }
        return new TransactionPlan(slices, out);
    }

    /**
     * The UNLOAD of consecutive slices into {@code target}, the batch's folder: each row's slice key and
     * generation become UNLOAD's partition folders, so every slice lands in its usual attempt folder below it.
     */
    String unloadBatch(Rule rule, List<SlicePlan> slices, ArchiveLocation target) {
        LocalDate from = slices.get(0).slice().start();
        LocalDate to = slices.get(slices.size() - 1).slice().end();
        SqlPart keyFormat = D.literal(rule.granularity() == Granularity.DAILY ? "YYYY-MM-DD" : "YYYY-MM");
        SqlPart sliceKey = sql.slices().sliceKey(rule);
        int first = slices.get(0).generation();
        SqlPart generation;
        if (slices.stream().allMatch(s -> s.generation() == first)) {
            generation = D.literal(first);
        } else {
            String whens = slices.stream().filter(s -> s.generation() != first)
                    .map(s -> SqlTemplates.get(RedshiftSql.UNLOAD, "generation_when").render(Map.of(
                            "key", D.literal(s.slice().key()),
                            "generation", D.literal(s.generation()))).sql())
                    .collect(Collectors.joining(" "));
            generation = SqlTemplates.get(RedshiftSql.UNLOAD, "generation_case").render(Map.of("slice_key", sliceKey,
                    "key_format", keyFormat, "whens", SqlPart.rendered(whens), "otherwise", D.literal(first)));
        }
        SqlPart sliceColumn = D.identifier(ArchiveLayout.SLICE_KEY);
        SqlPart generationColumn = D.identifier(ArchiveLayout.GENERATION_KEY);
        SqlPart select = SqlTemplates.get(RedshiftSql.UNLOAD, "batch_select").render(Map.of(
                "slice_key", sliceKey, "key_format", keyFormat, "slice_column", sliceColumn,
                "generation", generation, "generation_column", generationColumn,
                "table", sql.slices().table(rule), "predicate", sql.slices().predicate(rule, from, to)));
        SqlPart partitionBy = SqlTemplates.get(RedshiftSql.UNLOAD, "batch_partition_by").render(Map.of(
                "slice_column", sliceColumn, "generation_column", generationColumn));
        return sql.render(rule, select, partitionBy, target);
    }
}
