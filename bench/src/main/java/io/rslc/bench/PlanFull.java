package io.rslc.bench;

import io.rslc.api.PlanOptions;
import io.rslc.api.Rule;
import io.rslc.api.TablePlan;
import io.rslc.internal.exec.Planner;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The full size, once, outside JMH: {@code Planner.planTable} for 10,000 rules of 1,000 slices each
 * (10 million slice plans, each discarded after its table), after planning 500 rules to warm up.
 */
final class PlanFull {

    record Result(String warehouse, int rules, int slicesEach, double seconds, long slices) {
        double nsPerSlice() {
            return seconds * 1e9 / slices;
        }
    }

    private PlanFull() {
    }

    static Result run(String warehouse, int rules, int slicesEach) {
        Planner planner = new Planner(PlannerBench.warehouse(warehouse));
        PlanOptions options = new PlanOptions(PlannerBench.AS_OF, ZoneOffset.UTC, null, Set.of());
        List<Rule> all = PlannerBench.rules(rules, slicesEach);
        long sink = 0;
        for (Rule r : all.subList(0, Math.min(500, all.size()))) {
            sink += planner.planTable(r, List.of(), options).slices().size();
        }
        long t0 = System.nanoTime();
        long slices = 0;
        for (Rule r : all) {
            TablePlan p = planner.planTable(r, List.of(), options);
            slices += p.slices().size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sink < 0) {
            throw new AssertionError();
        }
        return new Result(warehouse, rules, slicesEach, seconds, slices);
    }
}
