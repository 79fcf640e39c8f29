package dev.shard.planner.physical;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.explain.ExplainJson;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.run.PlanExplainer;
import dev.shard.planner.testing.Plans;
import dev.shard.runtime.tune.MachineProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which merge the planner picks for an aggregation, the group bound behind it, and how explain says so. */
class AggregateMergeTest {
    private static final MachineProfile MACHINE = new MachineProfile(2, 42L << 20, 92_000);

    private static LogicalPlan byKey(long rows, long keys) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(
                as("key", call(ScalarFunction.RANDOM_INT, lit(keys), lit(1))),
                as("value", call(ScalarFunction.RANDOM, lit(2)))));
        return new LogicalAggregate(generate, List.of("key"), List.of(agg("total", AggregateFunction.SUM,
                col("value")), agg("n", AggregateFunction.COUNT, null)));
    }

    private static AggregateMerge merge(LogicalPlan plan, long budget) {
        PhysicalPlan physical = PhysicalPlanner.plan(plan, new PlanningContext(MACHINE, budget, 0));
        AggregateMerge merge = ((FinalAggregateExec) physical.driverOperators().getFirst()).merge();
        assertEquals(merge.partitions(), ((PartialAggregateExec) physical.stage().fragment().sink()).partitions(),
                "the partial stage splits into the partitions the merge reads");
        return merge;
    }

    @Test
    void aThousandKeysAreMergedOnTheDriver() {
        AggregateMerge merge = merge(byKey(20_000_000, 1_000), 4L << 30);
        assertEquals(0, merge.partitions());
        assertEquals(1_000, merge.estimatedGroups());
        // 20M rows fold 256K-row blocks: 77 blocks of 1,000 groups (305 with 64K-row blocks).
        assertEquals("driver: partials ≈ 77,000 rows × 32 B = 2.3 MiB ≤ 64 MiB the driver may gather (min(64 MiB,"
                + " ½ × 2.0 GiB worker share)); groups ≤ 1,000 (key ≤ 1,000)", merge.reason());
    }

    @Test
    void aMillionKeysAreMergedByKeyHashInTheWorkers() {
        AggregateMerge merge = merge(byKey(20_000_000, 1_000_000), 0);
        assertTrue(merge.partitioned());
        assertEquals(1_000_000, merge.estimatedGroups());
        assertEquals("partitioned: partials ≈ 20,000,000 rows × 32 B = 610 MiB > 64 MiB the driver may gather;"
                + " groups ≤ 1,000,000 (key ≤ 1,000,000); partitions 2 ← ⌈merge state ≈ 46 MiB / 64 MiB⌉ = 1,"
                + " raised to one per worker (2)", merge.reason());
    }

    @Test
    void aSmallerBudgetGathersLessOnTheDriverAndSplitsFiner() {
        long roomy = 2L * (42L << 20) + 2L * (1L << 30);
        // 24 MiB a worker: a 65,536-row block of a million groups holds ~19 MiB (19× a block's bytes).
        long tight = 2L * (42L << 20) + 2L * (24L << 20);
        AggregateMerge driver = merge(byKey(2_000_000, 1_000_000), roomy);
        AggregateMerge partitioned = merge(byKey(2_000_000, 1_000_000), tight);
        assertEquals(0, driver.partitions(), driver.reason());
        assertEquals(12L << 20, partitioned.limitBytes(), "half of a 24 MiB share");
        assertEquals(4, partitioned.partitions(), partitioned.reason());
    }

    @Test
    void keysWithoutABoundCountAsManyGroupsAsRows() {
        LogicalPlan plan = new LogicalAggregate(Plans.orders(), List.of("name"), List.of(agg("n",
                AggregateFunction.COUNT, null)));
        AggregateMerge merge = merge(plan, 0);
        assertEquals(1_000, merge.estimatedGroups());
        assertTrue(merge.reason().contains("key name has no known bound: as many groups as rows"), merge.reason());
    }

    @Test
    void explainJsonCarriesTheMergeAndItsArithmetic() {
        String json = ExplainJson.write(PlanExplainer.planned(PhysicalPlanner.plan(byKey(20_000_000, 1_000_000),
                new PlanningContext(MACHINE, 0, 0))));
        assertTrue(json.contains("\"key\" : \"merge\"") || json.contains("\"key\":\"merge\""), json);
        assertTrue(json.contains("partitioned: partials ≈ 20,000,000 rows"), json);
        assertTrue(json.contains("split by key hash into 2 partitions"), json);
    }
}
