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

    static final String UNLOAD = "redshift/unload.sql";
    private static final String MAINTENANCE = "redshift/maintenance.sql";
    static final String SESSION = "redshift/session.sql";

    private final SliceSql slices = new SliceSql(SqlDialect.REDSHIFT);
    private final SqlDialect dialect = SqlDialect.REDSHIFT;
    private final String roleArn;
    private final String defaultRegion;
    private final RedshiftCopySql copies;

    /**
     * @param roleArn       the UNLOAD IAM role, or null for {@code IAM_ROLE default}
     * @param defaultRegion the job's region, used when a rule names none; null to omit REGION
     */
    public RedshiftSql(String roleArn, String defaultRegion) {
        this.roleArn = roleArn;
        this.defaultRegion = defaultRegion;
        this.copies = new RedshiftCopySql(roleArn, defaultRegion);
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
            return new RedshiftBatchSql(this).transaction(rule, slices);
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
        UnloadOptions o = rule.unload();
        return render(rule, slices.select(rule, slice), o.partitionColumn() == null ? null
                : t(UNLOAD, "partition_by", "column", dialect.identifier(o.partitionColumn())), target);
    }

    /** An UNLOAD of {@code select} into {@code target} with the rule's options and {@code partitionBy} (or null). */
    String render(Rule rule, SqlPart select, SqlPart partitionBy, ArchiveLocation target) {
        if (target.kind() != ArchiveLocation.Kind.S3) {
            throw new IllegalArgumentException(rule.origin() + ", s3_path: must be an s3:// folder to UNLOAD from "
                    + "Redshift (a local folder is for the PostgreSQL warehouse), got '" + rule.unload().location() + "'");
        }
        SqlPart role = roleArn == null ? t(UNLOAD, "role_default") : dialect.literal(roleArn);
        SqlPart optionLines = SqlPart.rendered(unloadOptions(rule, partitionBy).stream().map(SqlPart::sql)
                .collect(Collectors.joining("\n")));
        return SqlTemplates.get(UNLOAD, "unload").render(Map.of(
                "select", dialect.literal(select),
                "location", dialect.literal(target.root()),
                "role", role,
                "options", optionLines)).sql();
    }

    /**
     * The options of a rule's UNLOAD, one per line, in the order rendered: everything after {@code IAM_ROLE}
     * (format, {@code partitionBy}, delimited-text options, compression, encryption, MANIFEST VERBOSE, CLEANPATH,
     * MAXFILESIZE, ROWGROUPSIZE, PARALLEL, REGION, EXTENSION). Combinations Redshift refuses never reach here:
     * rule validation rejects them (see {@code UnloadExclusions}).
     */
    private List<SqlPart> unloadOptions(Rule rule, SqlPart partitionBy) {
        UnloadOptions o = rule.unload();
        List<SqlPart> options = new ArrayList<>();
        switch (o.format()) {
            case CSV -> options.add(t(UNLOAD, "format_csv"));
            case PARQUET -> options.add(t(UNLOAD, "format_parquet"));
            case JSON -> options.add(t(UNLOAD, "format_json"));
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
        switch (o.encryption()) {
            case KMS_KEY -> {
                options.add(t(UNLOAD, "encrypted"));
                options.add(t(UNLOAD, "kms_key_id", "key", dialect.literal(o.kmsKeyId())));
            }
            case AUTO -> options.add(t(UNLOAD, "encrypted_auto"));
            case NONE -> { }
        }
        options.add(t(UNLOAD, "manifest"));
        options.add(t(UNLOAD, "cleanpath"));
        if (o.maxFileSize() != null) {
            MaxFileSize m = o.maxFileSize();
            options.add(t(UNLOAD, m.unit() == MaxFileSize.Unit.MB ? "maxfilesize_mb" : "maxfilesize_gb",
                    "amount", dialect.literal(m.amount())));
        }
        if (o.rowGroupSizeMb() != null) {
            options.add(t(UNLOAD, "rowgroupsize_mb", "amount", dialect.literal(o.rowGroupSizeMb())));
        }
        if (!o.parallel()) {
            options.add(t(UNLOAD, "parallel_off"));
        }
        String region = o.region() != null ? o.region() : defaultRegion;
        if (region != null) {
            options.add(t(UNLOAD, "region", "region", dialect.literal(region)));
        }
        if (o.extension() != null) {
            options.add(t(UNLOAD, "extension", "extension", dialect.literal(o.extension())));
        }
        return options;
    }

    /** The COPY statements that restore archived slices (rslc restore). */
    public RedshiftCopySql copies() {
        return copies;
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

    static SqlPart t(String file, String name) {
        return SqlTemplates.get(file, name).render();
    }

    static SqlPart t(String file, String name, String key, SqlPart value) {
        return SqlTemplates.get(file, name).render(Map.of(key, value));
    }
}
