package io.rslc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Compression;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.Maintenance;
import io.rslc.api.MaxFileSize;
import io.rslc.api.Mode;
import io.rslc.api.PlannedStatement;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.UnloadOptions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: the full text of every rendered Redshift statement, one test per option and one per defect of
 * the original (seed-semantics.md, "Defects rslc must fix").
 */
class RedshiftSqlGoldenTest {

    private static final Slice DAY = Slice.containing(Granularity.DAILY, LocalDate.of(2020, 3, 21));
    private static final RedshiftSql SQL = new RedshiftSql("arn:aws:iam::123456789012:role/Unload", "us-west-2");

    private static Rule rule(UnloadOptions.Builder options) {
        return Rule.builder().table("test", "ret_test_1").column("load_date")
                .unload(options.location(ArchiveLocation.s3("s3://bucket/ret_test_1")).build()).build();
    }

    /** A slice's transaction as planned, without its VERIFY (asserted in {@link #aSliceIsUnloadVerifyDelete}). */
    private static List<String> statements(RedshiftSql sql, Rule rule, Slice slice, int generation) {
        return sql.transaction(rule, List.of(new SlicePlan(slice, -1, generation, null)), Scan.ONE_SLICE)
                .statements().stream().filter(st -> st.role() != PlannedStatement.Role.VERIFY)
                .map(PlannedStatement::sql).toList();
    }

    @Test
    void aSliceIsUnloadVerifyDelete() {
        var tx = SQL.transaction(rule(UnloadOptions.builder()).withCheckpoint(null),
                List.of(new SlicePlan(DAY, 5, 1, null)), Scan.ONE_SLICE);
        assertThat(tx.statements()).extracting(PlannedStatement::role).containsExactly(PlannedStatement.Role.ARCHIVE,
                PlannedStatement.Role.VERIFY, PlannedStatement.Role.DELETE);
        assertThat(tx.sql().get(1)).isEqualTo("SELECT pg_last_unload_count()");
        assertThatThrownBy(() -> SQL.transaction(rule(UnloadOptions.builder().partitionColumn("region")),
                List.of(new SlicePlan(DAY, 5, 1, null), new SlicePlan(DAY.next(), 5, 1, null)), Scan.ONE_SLICE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition_column");
    }

    @Test
    void aBatchIsOneUnloadPartitionedBySliceAndGenerationItsCountsAndOneDelete() {
        var tx = SQL.transaction(rule(UnloadOptions.builder().format(FileFormat.PARQUET)), List.of(
                new SlicePlan(DAY, 5, 1, null), new SlicePlan(DAY.next(), 7, 1, null)), Scan.ONE_SLICE);
        assertThat(tx.sql()).containsExactly("""
                UNLOAD ('SELECT *, TO_CHAR(CAST(date_trunc(''day'', "load_date") AS DATE), ''YYYY-MM-DD'') AS \
                "rslc_slice", 1 AS "rslc_gen" FROM "test"."ret_test_1" WHERE "load_date" >= DATE ''2020-03-21'' \
                AND "load_date" < DATE ''2020-03-23''')
                TO 's3://bucket/ret_test_1/rslc_batch=2020-03-21_g1/'
                IAM_ROLE 'arn:aws:iam::123456789012:role/Unload'
                FORMAT PARQUET
                PARTITION BY ("rslc_slice", "rslc_gen")
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'us-west-2'""",
                "SELECT pg_last_unload_count()",
                "SELECT CAST(date_trunc('day', \"load_date\") AS DATE) AS slice_start, count(*) AS row_count FROM "
                        + "\"test\".\"ret_test_1\" WHERE \"load_date\" >= DATE '2020-03-21' AND \"load_date\" < "
                        + "DATE '2020-03-23' GROUP BY 1 ORDER BY 1",
                "DELETE FROM \"test\".\"ret_test_1\" WHERE \"load_date\" >= DATE '2020-03-21' AND \"load_date\" < "
                        + "DATE '2020-03-23'");
        assertThat(tx.slices()).extracting(SlicePlan::archive).containsExactly(
                "s3://bucket/ret_test_1/rslc_batch=2020-03-21_g1/rslc_slice=2020-03-21/rslc_gen=1/",
                "s3://bucket/ret_test_1/rslc_batch=2020-03-21_g1/rslc_slice=2020-03-22/rslc_gen=1/");
    }

    @Test
    void aMonthlyBatchWithLateRowsNamesEachSlicesGeneration() {
        Rule monthly = Rule.builder().table("test", "ret_test_4").column("load_date").granularity(Granularity.MONTHLY)
                .unload(UnloadOptions.builder().location(ArchiveLocation.s3("s3://bucket/ret_test_4")).build()).build();
        Slice march = Slice.containing(Granularity.MONTHLY, LocalDate.of(2020, 3, 1));
        String unload = SQL.transaction(monthly, List.of(new SlicePlan(march, 5, 2, null),
                new SlicePlan(march.next(), 5, 1, null), new SlicePlan(march.next().next(), 5, 3, null)),
                Scan.ONE_SLICE).sql().get(0);
        assertThat(unload).startsWith("UNLOAD ('SELECT *, TO_CHAR(CAST(date_trunc(''month'', \"load_date\") AS DATE), "
                + "''YYYY-MM'') AS \"rslc_slice\", CASE TO_CHAR(CAST(date_trunc(''month'', \"load_date\") AS DATE), "
                + "''YYYY-MM'') WHEN ''2020-04'' THEN 1 WHEN ''2020-05'' THEN 3 ELSE 2 END AS \"rslc_gen\" FROM ")
                .contains("TO 's3://bucket/ret_test_4/rslc_batch=2020-03_g2/'");
    }

    @Test
    void aDeleteOnlyBatchIsOneDelete() {
        Rule deleteOnly = Rule.builder().table("test", "ret_test_1").column("load_date").mode(Mode.DELETE_ONLY).build();
        assertThat(SQL.transaction(deleteOnly, List.of(new SlicePlan(DAY, 5, 1, null),
                new SlicePlan(DAY.next(), 7, 1, null)), Scan.ONE_SLICE).sql()).containsExactly(
                "DELETE FROM \"test\".\"ret_test_1\" WHERE \"load_date\" >= DATE '2020-03-21' AND \"load_date\" < "
                        + "DATE '2020-03-23'");
    }

    private static String unload(UnloadOptions.Builder options) {
        return statements(SQL, rule(options), DAY, 1).get(0);
    }

    private static final String SELECT = "UNLOAD ('SELECT * FROM \"test\".\"ret_test_1\" WHERE \"load_date\" >= "
            + "DATE ''2020-03-21'' AND \"load_date\" < DATE ''2020-03-22''')\n"
            + "TO 's3://bucket/ret_test_1/rslc_slice=2020-03-21/rslc_gen=1/'\n"
            + "IAM_ROLE 'arn:aws:iam::123456789012:role/Unload'\n";

    @Test
    void textDefaults() {
        assertThat(unload(UnloadOptions.builder())).isEqualTo(SELECT + """
                MANIFEST VERBOSE
                CLEANPATH
                REGION 'us-west-2'""");
    }

    @Test
    void parquetWithPartitionAndSize() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.PARQUET).partitionColumn("load_date")
                .maxFileSize(MaxFileSize.parse("1 gb").orElseThrow()).region("us-east-1"))).isEqualTo(SELECT + """
                FORMAT PARQUET
                PARTITION BY ("load_date") INCLUDE
                MANIFEST VERBOSE
                CLEANPATH
                MAXFILESIZE 1 GB
                REGION 'us-east-1'""");
    }

    @Test
    void textWithEveryOption() {
        assertThat(unload(UnloadOptions.builder().header(true).delimiter("\t").addQuotes(true).nullAs("\\N")
                .escape(true).compression(Compression.GZIP).maxFileSize(MaxFileSize.parse("500 MB").orElseThrow())
                .parallel(false))).isEqualTo(SELECT + """
                HEADER
                DELIMITER AS '\t'
                ADDQUOTES
                NULL AS '\\\\N'
                ESCAPE
                GZIP
                MANIFEST VERBOSE
                CLEANPATH
                MAXFILESIZE 500 MB
                PARALLEL OFF
                REGION 'us-west-2'""");
    }

    @Test
    void csvWithCompressions() {
        for (Compression c : new Compression[] {Compression.ZSTD, Compression.BZIP2}) {
            assertThat(unload(UnloadOptions.builder().format(FileFormat.CSV).delimiter(";").compression(c)))
                    .isEqualTo(SELECT + "FORMAT CSV\nDELIMITER AS ';'\n" + c.name()
                            + "\nMANIFEST VERBOSE\nCLEANPATH\nREGION 'us-west-2'");
        }
    }

    @Test
    void fractionalMaxFileSize() {
        assertThat(unload(UnloadOptions.builder().maxFileSize(new MaxFileSize(new BigDecimal("6.20"),
                MaxFileSize.Unit.GB)))).contains("\nMAXFILESIZE 6.2 GB\n");
    }

    @Test
    void monthlySliceAndDefaultRole() {
        Rule monthly = Rule.builder().table("test", "ret_test_4").column("load_date").granularity(Granularity.MONTHLY)
                .retention(3).unload(UnloadOptions.builder().location(ArchiveLocation.s3("s3://bucket/ret_test_4/"))
                        .build()).build();
        Slice feb = Slice.containing(Granularity.MONTHLY, LocalDate.of(2020, 2, 29));
        assertThat(statements(new RedshiftSql(null, null), monthly, feb, 2)).containsExactly("""
                UNLOAD ('SELECT * FROM "test"."ret_test_4" WHERE "load_date" >= DATE ''2020-02-01'' AND "load_date" < DATE ''2020-03-01''')
                TO 's3://bucket/ret_test_4/rslc_slice=2020-02/rslc_gen=2/'
                IAM_ROLE default
                MANIFEST VERBOSE
                CLEANPATH""",
                "DELETE FROM \"test\".\"ret_test_4\" WHERE \"load_date\" >= DATE '2020-02-01' AND \"load_date\" < DATE '2020-03-01'");
    }

    @Test
    void unloadAndDeleteShareThePredicateByteForByte() {
        Rule r = rule(UnloadOptions.builder());
        String predicate = SQL.slices().predicate(r, DAY).sql();
        String delete = SQL.delete(r, DAY);
        String unload = SQL.unload(r, DAY, ArchiveLocation.s3("s3://bucket/x/"));
        String innerQuery = unload.substring(unload.indexOf("('") + 2, unload.indexOf("')")).replace("''", "'");
        assertThat(delete).isEqualTo("DELETE FROM \"test\".\"ret_test_1\" WHERE " + predicate);
        assertThat(innerQuery).isEqualTo("SELECT * FROM \"test\".\"ret_test_1\" WHERE " + predicate);
    }

    @Test
    void maintenanceForDeleteModes() {
        Rule r = rule(UnloadOptions.builder());
        assertThat(SQL.maintenance(r)).containsExactly("VACUUM DELETE ONLY \"test\".\"ret_test_1\"",
                "ANALYZE \"test\".\"ret_test_1\" PREDICATE COLUMNS");
    }

    @Test
    void maintenanceOverrides() {
        Rule r = rule(UnloadOptions.builder());
        Rule full = Rule.builder().table("s", "t").column("d").mode(Mode.DELETE_ONLY)
                .maintenance(new Maintenance(Maintenance.VacuumMode.FULL, 99, true, 5, 5,
                        Maintenance.AnalyzeMode.ALL_COLUMNS, 10, Maintenance.Policy.THRESHOLD)).build();
        assertThat(SQL.maintenance(full)).containsExactly("VACUUM FULL \"s\".\"t\" TO 99 PERCENT BOOST",
                "ANALYZE \"s\".\"t\" ALL COLUMNS");
        Rule sortOnly = Rule.builder().table("s", "t").column("d").mode(Mode.DELETE_ONLY)
                .maintenance(new Maintenance(Maintenance.VacuumMode.SORT_ONLY, null, false, 5, 5,
                        Maintenance.AnalyzeMode.OFF, 10, Maintenance.Policy.THRESHOLD)).build();
        assertThat(SQL.maintenance(sortOnly)).containsExactly("VACUUM SORT ONLY \"s\".\"t\"");
        Rule recluster = Rule.builder().table("s", "t").column("d").mode(Mode.DELETE_ONLY)
                .maintenance(new Maintenance(Maintenance.VacuumMode.RECLUSTER, null, false, 5, 5,
                        Maintenance.AnalyzeMode.PREDICATE_COLUMNS, 10, Maintenance.Policy.FULL)).build();
        assertThat(SQL.maintenance(recluster)).containsExactly("VACUUM RECLUSTER \"s\".\"t\"",
                "ANALYZE \"s\".\"t\" PREDICATE COLUMNS");
        assertThat(r.maintenance()).isEqualTo(Maintenance.defaults());
        assertThat(r.maintenance().policy()).isEqualTo(Maintenance.Policy.THRESHOLD);
        Rule auto = Rule.builder().table("s", "t").column("d").mode(Mode.DELETE_ONLY)
                .maintenance(new Maintenance(Maintenance.VacuumMode.DELETE_ONLY, null, false, 5, 5,
                        Maintenance.AnalyzeMode.PREDICATE_COLUMNS, 10, Maintenance.Policy.AUTO)).build();
        assertThat(SQL.maintenance(auto)).as("auto leaves VACUUM and ANALYZE to Redshift").isEmpty();
        assertThat(new PostgresSql().maintenance(auto)).isEmpty();
        assertThat(new PostgresSql().maintenance(recluster)).containsExactly("VACUUM (FULL, ANALYZE) \"s\".\"t\"");
        assertThat(new PostgresSql().maintenance(sortOnly)).containsExactly("VACUUM (ANALYZE) \"s\".\"t\"");
    }

    // ---- Defects of the original, one test each ----

    @Test
    void defect1_identifiersAndLiteralsAreQuotedAndEscaped() {
        Rule evil = Rule.builder().table("te'st", "Sales \"EU\"").column("O'Brien\\date")
                .unload(UnloadOptions.builder().location(ArchiveLocation.s3("s3://bucket/sales"))
                        .nullAs("it's \\ null").build()).build();
        assertThat(statements(new RedshiftSql(null, null), evil, DAY, 1)).containsExactly("""
                UNLOAD ('SELECT * FROM "te''st"."Sales ""EU""\" WHERE "O''Brien\\\\date" >= DATE ''2020-03-21'' AND "O''Brien\\\\date" < DATE ''2020-03-22''')
                TO 's3://bucket/sales/rslc_slice=2020-03-21/rslc_gen=1/'
                IAM_ROLE default
                NULL AS 'it''s \\\\ null'
                MANIFEST VERBOSE
                CLEANPATH""",
                "DELETE FROM \"te'st\".\"Sales \"\"EU\"\"\" WHERE \"O'Brien\\date\" >= DATE '2020-03-21' AND \"O'Brien\\date\" < DATE '2020-03-22'");
    }

    @Test
    void defect1_injectionThroughATableNameStaysAnIdentifier() {
        Rule evil = Rule.builder().table("public", "t\"; DROP TABLE users; --").column("d").mode(Mode.DELETE_ONLY).build();
        assertThat(SQL.delete(evil, DAY)).startsWith("DELETE FROM \"public\".\"t\"\"; DROP TABLE users; --\" WHERE");
    }

    @Test
    void defect1_longNamesAreNotTruncated() {
        String name = "t".repeat(127);
        Rule r = Rule.builder().table("s", name).column("d").mode(Mode.DELETE_ONLY).build();
        assertThat(SQL.delete(r, DAY)).contains("\"" + name + "\"");
    }

    @Test
    void defect2_csvHeaderIsItsOwnKeyword() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.CSV).header(true)))
                .contains("\nFORMAT CSV\nHEADER\n").doesNotContain("CSVHEADER");
    }

    @Test
    void defect2_csvNullAsIsRenderedForAnyValue() {
        assertThat(unload(UnloadOptions.builder().format(FileFormat.CSV).nullAs("NULL")))
                .contains("\nNULL AS 'NULL'\n");
    }

    @Test
    void defect2_textNullAsKeepsQuotingIntact() {
        assertThat(unload(UnloadOptions.builder().nullAs("'"))).contains("\nNULL AS ''''\n");
    }

    @Test
    void defect2_blankMaxFileSizeRendersNoBareKeyword() {
        assertThat(unload(UnloadOptions.builder())).doesNotContain("MAXFILESIZE");
    }

    @Test
    void defect2_blankParallelMeansOn() {
        assertThat(unload(UnloadOptions.builder())).doesNotContain("PARALLEL");
        assertThat(unload(UnloadOptions.builder().parallel(false))).contains("\nPARALLEL OFF\n");
    }

    @Test
    void defect3_eachSliceWritesItsOwnFolderAndNeverOverwritesAnother() {
        String a = unload(UnloadOptions.builder());
        String b = statements(SQL, rule(UnloadOptions.builder()), DAY.next(), 1).get(0);
        String lateRows = statements(SQL, rule(UnloadOptions.builder()), DAY, 2).get(0);
        assertThat(a).contains("TO 's3://bucket/ret_test_1/rslc_slice=2020-03-21/rslc_gen=1/'")
                .contains("\nCLEANPATH").doesNotContain("ALLOWOVERWRITE");
        assertThat(b).contains("TO 's3://bucket/ret_test_1/rslc_slice=2020-03-22/rslc_gen=1/'");
        assertThat(lateRows).contains("TO 's3://bucket/ret_test_1/rslc_slice=2020-03-21/rslc_gen=2/'");
    }

    @Test
    void defect3_aPrefixWithoutTrailingSlashDoesNotOverlapOtherTables() {
        Rule t1 = rule(UnloadOptions.builder()).withUnload(UnloadOptions.builder()
                .location(ArchiveLocation.s3("s3://bucket/t1")).build());
        assertThat(statements(SQL, t1, DAY, 1).get(0)).contains("TO 's3://bucket/t1/rslc_slice=");
    }

    @Test
    void defect4_partitionColumnStaysInTheFiles() {
        assertThat(unload(UnloadOptions.builder().partitionColumn("region")))
                .contains("\nPARTITION BY (\"region\") INCLUDE\n");
    }

    @Test
    void defect8_noMaintenanceForUnloadOnly() {
        Rule r = Rule.builder().table("s", "t").column("d").mode(Mode.UNLOAD_ONLY)
                .unload(UnloadOptions.builder().location(ArchiveLocation.s3("s3://b/p")).build()).build();
        assertThat(SQL.maintenance(r)).isEmpty();
        assertThat(statements(SQL, r, DAY, 1)).hasSize(1).allMatch(s -> s.startsWith("UNLOAD"));
    }

    @Test
    void deleteOnlyRendersNoUnload() {
        Rule r = Rule.builder().table("s", "t").column("d").mode(Mode.DELETE_ONLY).build();
        assertThat(statements(SQL, r, DAY, 1)).containsExactly(
                "DELETE FROM \"s\".\"t\" WHERE \"d\" >= DATE '2020-03-21' AND \"d\" < DATE '2020-03-22'");
    }

    @Test
    void aLocalArchiveCannotBeUnloadedFromRedshift() {
        Rule r = rule(UnloadOptions.builder()).withUnload(UnloadOptions.builder()
                .location(ArchiveLocation.local(Path.of("/tmp/archive"))).build());
        assertThatThrownBy(() -> statements(SQL, r, DAY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api, s3_path: must be an s3:// folder");
    }
}
