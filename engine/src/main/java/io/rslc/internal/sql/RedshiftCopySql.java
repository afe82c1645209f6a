package io.rslc.internal.sql;

import io.rslc.api.Compression;
import io.rslc.api.Rule;
import io.rslc.api.TableName;
import io.rslc.api.UnloadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the Redshift COPY that {@code rslc restore} sends to load an archived slice generation back: from the
 * manifest UNLOAD wrote beside its files, or from its folder when a batch's shared manifest lists other slices too.
 */
public final class RedshiftCopySql {

    private static final String COPY = "redshift/copy.sql";

    private final String roleArn;
    private final String defaultRegion;

    /**
     * @param roleArn       the COPY IAM role, or null for {@code IAM_ROLE default}
     * @param defaultRegion the job's region, used when a rule names none; null to omit REGION
     */
    RedshiftCopySql(String roleArn, String defaultRegion) {
        this.roleArn = roleArn;
        this.defaultRegion = defaultRegion;
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
            case CSV -> options.add(RedshiftSql.t(COPY, "format_csv"));
            case PARQUET -> options.add(RedshiftSql.t(COPY, "format_parquet"));
            case JSON -> options.add(RedshiftSql.t(COPY, "format_json"));
            case TEXT -> { }
        }
        if (o.format() != io.rslc.api.FileFormat.PARQUET) {
            if (o.header()) {
                options.add(RedshiftSql.t(COPY, "ignoreheader"));
            }
            if (o.delimiter() != null) {
                options.add(RedshiftSql.t(COPY, "delimiter", "delimiter", SqlDialect.REDSHIFT.literal(o.delimiter())));
            }
            if (o.addQuotes() && o.format() == io.rslc.api.FileFormat.TEXT) {
                options.add(RedshiftSql.t(COPY, "removequotes"));
            }
            if (o.nullAs() != null) {
                options.add(RedshiftSql.t(COPY, "null_as", "null_as", SqlDialect.REDSHIFT.literal(o.nullAs())));
            }
            if (o.escape() && o.format() == io.rslc.api.FileFormat.TEXT) {
                options.add(RedshiftSql.t(COPY, "escape"));
            }
            if (o.compression() != Compression.NONE) {
                options.add(RedshiftSql.t(COPY, o.compression().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        String region = o.region() != null ? o.region() : defaultRegion;
        if (region != null) {
            options.add(RedshiftSql.t(COPY, "region", "region", SqlDialect.REDSHIFT.literal(region)));
        }
        String columnList = columns.isEmpty() || o.format() == io.rslc.api.FileFormat.PARQUET ? ""
                : " (" + columns.stream().map(c -> SqlDialect.REDSHIFT.identifier(c).sql())
                        .collect(Collectors.joining(", ")) + ")";
        return SqlTemplates.get(COPY, template).render(Map.of(
                "table", SqlDialect.REDSHIFT.identifier(target.schema(), target.table()),
                "columns", SqlPart.rendered(columnList),
                "manifest", SqlDialect.REDSHIFT.literal(from),
                "role", roleArn == null ? RedshiftSql.t(RedshiftSql.UNLOAD, "role_default")
                        : SqlDialect.REDSHIFT.literal(roleArn),
                "options", SqlPart.rendered(options.stream().map(SqlPart::sql).collect(Collectors.joining("\n")))))
                .sql();
    }

    /** {@code SELECT pg_last_copy_count()}: the rows the session's last COPY loaded. */
    public String lastCopyCount() {
        return RedshiftSql.t(COPY, "last_copy_count").sql();
    }
}
