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
        return false;
    }

    /** One slice: UNLOAD into its attempt folder, the unloaded count read back, DELETE. */
    @Override
    public TransactionPlan transaction(Rule rule, List<SlicePlan> slices, Scan scan) {
        if (slices.size() != 1) {
            throw new IllegalArgumentException("Redshift runs one slice per transaction, not " + slices.size());
        }
        SlicePlan s = slices.get(0);
        List<PlannedStatement> out = new ArrayList<>();
        if (rule.mode().archives()) {
            out.add(new PlannedStatement(PlannedStatement.Role.ARCHIVE, unload(rule, s.slice(),
                    ArchiveLayout.attempt(rule.unload().location(), s.slice(), s.generation()))));
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
        if (target.kind() != ArchiveLocation.Kind.S3) {
            throw new IllegalArgumentException(rule.origin() + ", s3_path: must be an s3:// folder to UNLOAD from "
                    + "Redshift (a local folder is for the PostgreSQL warehouse), got '" + rule.unload().location() + "'");
        }
        List<SqlPart> options = unloadOptions(rule);
        SqlPart role = roleArn == null ? t(UNLOAD, "role_default") : dialect.literal(roleArn);
        SqlPart optionLines = SqlPart.rendered(options.stream().map(SqlPart::sql).collect(Collectors.joining("\n")));
        return SqlTemplates.get(UNLOAD, "unload").render(Map.of(
                "select", dialect.literal(slices.select(rule, slice)),
                "location", dialect.literal(target.root()),
                "role", role,
                "options", optionLines)).sql();
    }

    /**
     * The options of a rule's UNLOAD, one per line, in the order rendered: everything after {@code IAM_ROLE}
     * (format, partitioning, delimited-text options, compression, encryption, MANIFEST VERBOSE, CLEANPATH,
     * MAXFILESIZE, ROWGROUPSIZE, PARALLEL, REGION, EXTENSION). Combinations Redshift refuses never reach here:
     * rule validation rejects them (see {@code UnloadExclusions}).
     */
    private List<SqlPart> unloadOptions(Rule rule) {
        UnloadOptions o = rule.unload();
        List<SqlPart> options = new ArrayList<>();
        switch (o.format()) {
            case CSV -> options.add(t(UNLOAD, "format_csv"));
            case PARQUET -> options.add(t(UNLOAD, "format_parquet"));
            case JSON -> options.add(t(UNLOAD, "format_json"));
            case TEXT -> { }
        }
        if (o.partitionColumn() != null) {
            options.add(t(UNLOAD, "partition_by", "column", dialect.identifier(o.partitionColumn())));
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

    /**
     * The COPY that restores one archived slice generation into {@code target} from its {@code manifest} (an
     * {@code s3://} URL), with the rule's format options read back as COPY spells them; {@code columns} names the
     * target columns in the files' order (not for Parquet, whose columns COPY matches by position).
     */
    public String copy(Rule rule, TableName target, List<String> columns, String manifest) {
        UnloadOptions o = rule.unload();
        List<SqlPart> options = new ArrayList<>();
        switch (o.format()) {
            case CSV -> options.add(t(COPY, "format_csv"));
            case PARQUET -> options.add(t(COPY, "format_parquet"));
            case JSON -> options.add(t(COPY, "format_json"));
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
        return SqlTemplates.get(COPY, "copy").render(Map.of(
                "table", dialect.identifier(target.schema(), target.table()),
                "columns", SqlPart.rendered(columnList),
                "manifest", dialect.literal(manifest),
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
