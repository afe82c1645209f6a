package io.rslc.internal.sql;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.Maintenance;
import io.rslc.api.MaxFileSize;
import io.rslc.api.PlannedStatement;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.TransactionPlan;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.plan.ArchiveLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a rule's Redshift statements: the UNLOAD and DELETE of a slice, and the table's VACUUM and ANALYZE.
 * Fixes the original's rendering defects: quoted identifiers and escaped literals, {@code HEADER} as its own
 * word, {@code NULL AS} for every delimited format, no bare {@code MAXFILESIZE}, PARALLEL ON unless asked off,
 * {@code PARTITION BY ... INCLUDE} so the column stays in the files, and {@code CLEANPATH} on a folder that only
 * the slice's own uncommitted attempt ever wrote (see {@link io.rslc.internal.plan.ArchiveLayout}).
 *
 * <pre>{@code
 * UNLOAD ('SELECT * FROM "test"."ret_test_1" WHERE "load_date" >= DATE ''2020-03-21'' AND "load_date" < DATE ''2020-03-22''')
 * TO 's3://bucket/ret_test_1/rslc_slice=2020-03-21/rslc_gen=1/'
 * IAM_ROLE default
 * FORMAT PARQUET
 * PARTITION BY ("load_date") INCLUDE
 * MANIFEST VERBOSE
 * CLEANPATH
 * MAXFILESIZE 1 GB
 * }</pre>
 */
public final class RedshiftSql implements WarehouseSql {

    private static final String UNLOAD = "redshift/unload.sql";
    private static final String COPY = "redshift/copy.sql";
    private static final String MAINTENANCE = "redshift/maintenance.sql";
    private static final String SESSION = "redshift/session.sql";

    private final SliceSql slices = new SliceSql(SqlDialect.REDSHIFT);
    private final SqlDialect dialect = SqlDialect.REDSHIFT;
    private final String roleArn;
    private final String defaultRegion;

    /**
     * @param roleArn       the UNLOAD IAM role, or null for {@code IAM_ROLE default}
     * @param defaultRegion the job's region, used when a rule names none; null to omit REGION
     */
    public RedshiftSql(String roleArn, String defaultRegion) {
        this.roleArn = roleArn;
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String name() {
        return "redshift";
    }

    @Override
    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public boolean batches() {
        return true;
    }

    /**
     * Batches need the slice and generation as UNLOAD's partition folders, and PARTITION BY's INCLUDE keeps every
     * partition column in the files or none: a rule with its own partition column runs one slice at a time.
     */
    @Override
    public boolean batches(Rule rule) {
        return !rule.mode().archives() || rule.unload().partitionColumn() == null;
    }

    /**
     * One slice: UNLOAD into its attempt folder, the unloaded count read back, DELETE. Several consecutive slices
     * (a batch): one UNLOAD partitioned by slice and generation into the batch's folder, the unloaded count and
     * the count of every slice in the same snapshot, one DELETE over their range.
     */
    @Override
    public TransactionPlan transaction(Rule rule, List<SlicePlan> slices, Scan scan) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs a slice");
        }
        if (slices.size() > 1) {
            return batch(rule, slices);
        }
        SlicePlan s = slices.get(0);
        List<PlannedStatement> out = new ArrayList<>();
        if (rule.mode().archives()) {
            ArchiveLocation attempt = ArchiveLayout.attempt(rule.unload().location(), s.slice(), s.generation());
            // the slice's own folder, also when it was planned inside a batch that now runs slice by slice
            slices = List.of(new SlicePlan(s.slice(), s.rows(), s.generation(), attempt.root()));
            out.add(new PlannedStatement(PlannedStatement.Role.ARCHIVE, unload(rule, s.slice(), attempt)));
            out.add(new PlannedStatement(PlannedStatement.Role.VERIFY,
                    SqlTemplates.get(SESSION, "last_unload_count").render().sql()));
        }
        if (rule.mode().deletes()) {
            out.add(new PlannedStatement(PlannedStatement.Role.DELETE, delete(rule, s.slice())));
        }
        return new TransactionPlan(slices, out);
    }

    private TransactionPlan batch(Rule rule, List<SlicePlan> slices) {
        if (!batches(rule)) {
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
                    SqlTemplates.get(SESSION, "last_unload_count").render().sql()));
            out.add(new PlannedStatement(PlannedStatement.Role.VERIFY, this.slices.countBySlice(rule, from, to).sql()));
        }
        if (rule.mode().deletes()) {
            out.add(new PlannedStatement(PlannedStatement.Role.DELETE, this.slices.delete(rule, from, to).sql()));
        }
        return new TransactionPlan(slices, out);
    }

    /**
     * The UNLOAD of consecutive slices into {@code target}, the batch's folder: each row's slice key and
     * generation become UNLOAD's partition folders, so every slice lands in its usual attempt folder below it.
     */
    public String unloadBatch(Rule rule, List<SlicePlan> slices, ArchiveLocation target) {
        LocalDate from = slices.get(0).slice().start();
        LocalDate to = slices.get(slices.size() - 1).slice().end();
        SqlPart keyFormat = dialect.literal(rule.granularity() == io.rslc.api.Granularity.DAILY ? "YYYY-MM-DD"
                : "YYYY-MM");
        SqlPart sliceKey = this.slices.sliceKey(rule);
        int first = slices.get(0).generation();
        SqlPart generation;
        if (slices.stream().allMatch(s -> s.generation() == first)) {
            generation = dialect.literal(first);
        } else {
            String whens = slices.stream().filter(s -> s.generation() != first)
                    .map(s -> SqlTemplates.get(UNLOAD, "generation_when").render(Map.of(
                            "key", dialect.literal(s.slice().key()),
                            "generation", dialect.literal(s.generation()))).sql())
                    .collect(Collectors.joining(" "));
            generation = SqlTemplates.get(UNLOAD, "generation_case").render(Map.of("slice_key", sliceKey,
                    "key_format", keyFormat, "whens", SqlPart.rendered(whens), "otherwise", dialect.literal(first)));
        }
        SqlPart sliceColumn = dialect.identifier(ArchiveLayout.SLICE_KEY);
        SqlPart generationColumn = dialect.identifier(ArchiveLayout.GENERATION_KEY);
        SqlPart select = SqlTemplates.get(UNLOAD, "batch_select").render(Map.of(
                "slice_key", sliceKey, "key_format", keyFormat, "slice_column", sliceColumn,
                "generation", generation, "generation_column", generationColumn,
                "table", this.slices.table(rule), "predicate", this.slices.predicate(rule, from, to)));
        SqlPart partitionBy = SqlTemplates.get(UNLOAD, "batch_partition_by").render(Map.of(
                "slice_column", sliceColumn, "generation_column", generationColumn));
        return render(rule, select, partitionBy, target);
    }

    /**
     * VACUUM and ANALYZE as they would run (only for delete modes): past their thresholds, or always with the
     * {@code full} policy; none with {@code auto}, which leaves them to Redshift.
     */
    @Override
    public List<String> maintenance(Rule rule) {
        if (!rule.mode().deletes() || rule.maintenance().policy() == Maintenance.Policy.AUTO) {
            return List.of();
        }
        return java.util.stream.Stream.of(vacuum(rule), analyze(rule)).filter(java.util.Objects::nonNull).toList();
    }

    /** The shared slice statements, rendered for Redshift. */
    @Override
    public SliceSql slices() {
        return slices;
    }

    /** The UNLOAD of one slice into {@code target} (a folder ending in {@code /}). */
    public String unload(Rule rule, Slice slice, ArchiveLocation target) {
        if (target.kind() != ArchiveLocation.Kind.S3) {
            throw new IllegalArgumentException(rule.origin() + ", s3_path: must be an s3:// folder to UNLOAD from "
                    + "Redshift (a local folder is for the PostgreSQL warehouse), got '" + rule.unload().location() + "'");
        }
        UnloadOptions o = rule.unload();
        return render(rule, slices.select(rule, slice), o.partitionColumn() == null ? null
                : t(UNLOAD, "partition_by", "column", dialect.identifier(o.partitionColumn())), target);
    }

    /** An UNLOAD of {@code select} into {@code target} with the rule's options and {@code partitionBy} (or null). */
    private String render(Rule rule, SqlPart select, SqlPart partitionBy, ArchiveLocation target) {
        if (target.kind() != ArchiveLocation.Kind.S3) {
            throw new IllegalArgumentException(rule.origin() + ", s3_path: must be an s3:// folder to UNLOAD from "
                    + "Redshift (a local folder is for the PostgreSQL warehouse), got '" + rule.unload().location() + "'");
        }
        UnloadOptions o = rule.unload();
        List<SqlPart> options = new ArrayList<>();
        switch (o.format()) {
            case CSV -> options.add(t(UNLOAD, "format_csv"));
            case PARQUET -> options.add(t(UNLOAD, "format_parquet"));
            case TEXT -> { }
        }
        if (partitionBy != null) {
            options.add(partitionBy);
        }
        if (o.header()) {
            options.add(t(UNLOAD, "header"));
        }
        if (o.delimiter() != null) {
            options.add(t(UNLOAD, "delimiter", "delimiter", dialect.literal(o.delimiter())));
        }
        if (o.addQuotes()) {
            options.add(t(UNLOAD, "addquotes"));
        }
        if (o.nullAs() != null) {
            options.add(t(UNLOAD, "null_as", "null_as", dialect.literal(o.nullAs())));
        }
        if (o.escape()) {
            options.add(t(UNLOAD, "escape"));
        }
        if (o.compression() != Compression.NONE) {
            options.add(t(UNLOAD, o.compression().name().toLowerCase(java.util.Locale.ROOT)));
        }
        options.add(t(UNLOAD, "manifest"));
        options.add(t(UNLOAD, "cleanpath"));
        if (o.maxFileSize() != null) {
            MaxFileSize m = o.maxFileSize();
            options.add(t(UNLOAD, m.unit() == MaxFileSize.Unit.MB ? "maxfilesize_mb" : "maxfilesize_gb",
                    "amount", dialect.literal(m.amount())));
        }
        if (!o.parallel()) {
            options.add(t(UNLOAD, "parallel_off"));
        }
        String region = o.region() != null ? o.region() : defaultRegion;
        if (region != null) {
            options.add(t(UNLOAD, "region", "region", dialect.literal(region)));
        }
        SqlPart role = roleArn == null ? t(UNLOAD, "role_default") : dialect.literal(roleArn);
        SqlPart optionLines = SqlPart.rendered(options.stream().map(SqlPart::sql).collect(Collectors.joining("\n")));
        return SqlTemplates.get(UNLOAD, "unload").render(Map.of(
                "select", dialect.literal(select),
                "location", dialect.literal(target.root()),
                "role", role,
                "options", optionLines)).sql();
    }

    /**
     * The COPY that restores one archived slice generation into {@code target} from its {@code manifest} (an
     * {@code s3://} URL), with the rule's format options read back as COPY spells them; {@code columns} names the
     * target columns in the files' order (not for Parquet, whose columns COPY matches by position).
     */
    public String copy(Rule rule, TableName target, List<String> columns, String manifest) {
        return copy(rule, target, columns, manifest, "copy");
    }

    /**
     * The COPY that restores a slice generation a batch archived, from its folder (a key prefix ending in
     * {@code /}, which holds only that slice's files): the batch's one manifest lists other slices' files too.
     */
    public String copyFolder(Rule rule, TableName target, List<String> columns, String folder) {
        return copy(rule, target, columns, folder.endsWith("/") ? folder : folder + "/", "copy_folder");
    }

    private String copy(Rule rule, TableName target, List<String> columns, String from, String template) {
        UnloadOptions o = rule.unload();
        List<SqlPart> options = new ArrayList<>();
        switch (o.format()) {
            case CSV -> options.add(t(COPY, "format_csv"));
            case PARQUET -> options.add(t(COPY, "format_parquet"));
            case TEXT -> { }
        }
        if (o.format() != io.rslc.api.FileFormat.PARQUET) {
            if (o.header()) {
                options.add(t(COPY, "ignoreheader"));
            }
            if (o.delimiter() != null) {
                options.add(t(COPY, "delimiter", "delimiter", dialect.literal(o.delimiter())));
            }
            if (o.addQuotes() && o.format() == io.rslc.api.FileFormat.TEXT) {
                options.add(t(COPY, "removequotes"));
            }
            if (o.nullAs() != null) {
                options.add(t(COPY, "null_as", "null_as", dialect.literal(o.nullAs())));
            }
            if (o.escape() && o.format() == io.rslc.api.FileFormat.TEXT) {
                options.add(t(COPY, "escape"));
            }
            if (o.compression() != Compression.NONE) {
                options.add(t(COPY, o.compression().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        String region = o.region() != null ? o.region() : defaultRegion;
        if (region != null) {
            options.add(t(COPY, "region", "region", dialect.literal(region)));
        }
        String columnList = columns.isEmpty() || o.format() == io.rslc.api.FileFormat.PARQUET ? ""
                : " (" + columns.stream().map(c -> dialect.identifier(c).sql()).collect(Collectors.joining(", ")) + ")";
        return SqlTemplates.get(COPY, template).render(Map.of(
                "table", dialect.identifier(target.schema(), target.table()),
                "columns", SqlPart.rendered(columnList),
                "manifest", dialect.literal(from),
                "role", roleArn == null ? t(UNLOAD, "role_default") : dialect.literal(roleArn),
                "options", SqlPart.rendered(options.stream().map(SqlPart::sql).collect(Collectors.joining("\n")))))
                .sql();
    }

    /** {@code SELECT pg_last_copy_count()}: the rows the session's last COPY loaded. */
    public String lastCopyCount() {
        return t(COPY, "last_copy_count").sql();
    }

    @Override
    public String delete(Rule rule, Slice slice) {
        return slices.delete(rule, slice).sql();
    }

    /**
     * {@code VACUUM DELETE ONLY t [TO n PERCENT] [BOOST]} per the rule's maintenance settings, or null if off.
     */
    public String vacuum(Rule rule) {
        Maintenance m = rule.maintenance();
        if (m.vacuum() == Maintenance.VacuumMode.OFF) {
            return null;
        }
        StringBuilder sql = new StringBuilder(SqlTemplates.get(MAINTENANCE, "vacuum").render(Map.of(
                "mode", t(MAINTENANCE, m.vacuum().name().toLowerCase(java.util.Locale.ROOT)),
                "table", slices.table(rule))).sql());
        if (m.toPercent() != null) {
            sql.append(' ').append(t(MAINTENANCE, "to_percent", "percent", dialect.literal(m.toPercent())).sql());
        }
        if (m.boost()) {
            sql.append(' ').append(t(MAINTENANCE, "boost").sql());
        }
        return sql.toString();
    }

    /** {@code ANALYZE t PREDICATE COLUMNS} (or ALL COLUMNS) per the rule's settings, or null if off. */
    public String analyze(Rule rule) {
        Maintenance m = rule.maintenance();
        if (m.analyze() == Maintenance.AnalyzeMode.OFF) {
            return null;
        }
        return t(MAINTENANCE, "analyze_" + m.analyze().name().toLowerCase(java.util.Locale.ROOT), "table",
                slices.table(rule)).sql();
    }

    private static SqlPart t(String file, String name) {
        return SqlTemplates.get(file, name).render();
    }

    private static SqlPart t(String file, String name, String key, SqlPart value) {
        return SqlTemplates.get(file, name).render(Map.of(key, value));
    }
}
