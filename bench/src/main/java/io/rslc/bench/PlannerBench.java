package io.rslc.bench;

import io.rslc.api.ArchiveLocation;
import io.rslc.api.Cutoff;
import io.rslc.api.FileFormat;
import io.rslc.api.Granularity;
import io.rslc.api.MaxFileSize;
import io.rslc.api.Mode;
import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.UnloadOptions;
import io.rslc.internal.exec.Planner;
import io.rslc.internal.sql.PostgresSql;
import io.rslc.internal.sql.RedshiftSql;
import io.rslc.internal.sql.Scan;
import io.rslc.internal.sql.WarehouseSql;
import io.rslc.internal.warehouse.PostgresWarehouse;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import io.rslc.internal.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The offline planner and the SQL renderer, per slice. Rules have the sample configuration's shape (daily 90,
 * PARQUET, partitioned by load_date, 1 GB files, unload and delete) with a checkpoint {@value #SLICES} days before
 * the cutoff, so {@code Planner.planTable} plans exactly {@value #SLICES} slices per rule; each operation plans
 * {@value #RULES} such rules, and the score is divided by rules x slices: nanoseconds per slice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlannerBench {

    static final int RULES = 10;
    static final int SLICES = 1000;
    static final LocalDate AS_OF = LocalDate.of(2024, 1, 1);

    @Param({"postgresql", "redshift"})
    public String warehouse;

    private Planner planner;
    private WarehouseSql sql;
    private List<Rule> rules;
    private PlanOptions options;
    private Slice[] slices;
    private int next;

    @Setup
    public void setup() {
        sql = sql(warehouse);
        planner = new Planner(warehouse(warehouse));
        rules = rules(RULES, SLICES);
        options = new PlanOptions(AS_OF, ZoneOffset.UTC, null, Set.of());
        LocalDate cutoff = Cutoff.of(rules.get(0), AS_OF).date();
        slices = new Slice[SLICES];
        for (int i = 0; i < SLICES; i++) {
            slices[i] = Slice.containing(Granularity.DAILY, cutoff.minusDays(SLICES - i));
        }
    }

    static Warehouse warehouse(String warehouse) {
        return "redshift".equals(warehouse) ? new RedshiftWarehouse(null, "us-east-1")
                : PostgresWarehouse.localArchives();
    }

    static WarehouseSql sql(String warehouse) {
        return "redshift".equals(warehouse) ? new RedshiftSql(null, "us-east-1") : new PostgresSql();
    }

    /** {@code n} rules of the sample configuration's shape, each {@code slicesEach} daily slices behind. */
    static List<Rule> rules(int n, int slicesEach) {
        List<Rule> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Rule r = Rule.builder().table("test", String.format("ret_test_%05d", i)).column("load_date")
                    .granularity(Granularity.DAILY).retention(90).priority(10).mode(Mode.UNLOAD_AND_DELETE)
                    .unload(UnloadOptions.builder()
                            .location(ArchiveLocation.s3("s3://redshift-data-test/ret_test_" + i))
                            .format(FileFormat.PARQUET).partitionColumn("load_date")
                            .maxFileSize(MaxFileSize.parse("1 gb").orElseThrow()).build())
                    .origin("bench line " + (i + 2)).build();
            LocalDate cutoff = Cutoff.of(r, AS_OF).date();
            out.add(r.withCheckpoint(cutoff.minusDays(slicesEach + 1L)));
        }
        return out;
    }

    /** {@code Planner.planTable}: cutoff, slices, and every slice's SQL, for 10 rules x 1,000 slices. */
    @Benchmark
    @OperationsPerInvocation(RULES * SLICES)
    public void planTable(Blackhole bh) {
        for (Rule r : rules) {
            bh.consume(planner.planTable(r, List.of(), options));
        }
    }

    /** {@code Planner.slicePlan}: one slice's plan (archive folder and rendered statements). */
    @Benchmark
    public SlicePlan slicePlan() {
        next = next + 1 == SLICES ? 0 : next + 1;
        return Planner.slicePlan(rules.get(0), slices[next], 5000, 1);
    }

    /** The renderer alone: one slice's transaction (archive + DELETE) as the plan shows and a run sends it. */
    @Benchmark
    public List<String> sliceStatements() {
        next = next + 1 == SLICES ? 0 : next + 1;
        Rule rule = rules.get(0);
        return sql.transaction(rule, List.of(Planner.slicePlan(rule, slices[next], 5000, 1)),
                "redshift".equals(warehouse) ? Scan.ONE_SLICE : new Scan(Scan.Read.COPY_BINARY, Scan.Order.ANY)).sql();
    }

    /** The renderer alone: one slice's DELETE. */
    @Benchmark
    public String delete() {
        next = next + 1 == SLICES ? 0 : next + 1;
        return sql.delete(rules.get(0), slices[next]);
    }
}
