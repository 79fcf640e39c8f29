package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.report.RunReport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A partitioned join whose output is six times its build side: 120,000 probe rows meet
 * 1,000,000 build rows over 20,000 keys, about 6M joined rows (≈ 290 MB as Arrow). The join
 * step writes each partition's rows to its file a slice at a time, so a worker's private
 * memory during the step stays far below what its partition's joined rows would take on
 * the heap (≈ 290 MB / P as values, several times that while collected and converted): the
 * check would fail if the step held its output until the end. The count is the reference.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PartitionedJoinOutputMemoryProcessTest {
    private static final long PROBE_ROWS = 120_000;
    private static final long BUILD_ROWS = 1_000_000;
    private static final long KEYS = 20_000;
    private static final String JOIN_STEP = "partitioned join 0 of final stage: join step";
    /** Far below one partition's joined rows held on the heap, far above a slice and the build part's table. */
    private static final long JOIN_STEP_GROWTH_LIMIT = 96L << 20;

    @Test
    void theJoinStepWritesItsRowsAsItGoes() throws Exception {
        LogicalPlan probe = new LogicalGenerate(PROBE_ROWS, List.of(
                as("k", call(ScalarFunction.RANDOM_INT, lit(KEYS), lit(1))), as("v", call(ScalarFunction.RANDOM, lit(2)))));
        LogicalPlan build = new LogicalGenerate(BUILD_ROWS, List.of(
                as("id", call(ScalarFunction.RANDOM_INT, lit(KEYS), lit(3))), as("w", call(ScalarFunction.RANDOM, lit(4)))));
        LogicalPlan plan = new LogicalAggregate(new LogicalJoin(probe, build, JoinType.INNER,
                List.of(new JoinKey("k", "id"))), List.of(), List.of(agg("n", AggregateFunction.COUNT, null)));
        PhysicalPlan physical = PhysicalPlanner.plan(plan, PartitionedJoins.context(2, 30L << 20));
        int partitions = physical.partitionedJoins().getFirst().partitions();
        assertTrue(partitions >= 2, "the budget partitions the join: " + partitions);
        try (Pool pool = Pool.builder().workers(2).start()) {
            QueryResult result = QueryRunner.run(pool, physical, source -> {
                throw new AssertionError("no scan here");
            });
            assertEquals(List.of(expectedCount()), result.table().row(0));
            RunReport step = result.stageReports().stream().filter(s -> s.stage().equals(JOIN_STEP)).findFirst()
                    .orElseThrow(() -> new AssertionError(result.stageReports().toString())).report();
            for (RunReport.WorkerReport worker : step.workers()) {
                long growth = worker.peakPrivateBytes() - worker.baselinePrivateBytes();
                assertTrue(growth < JOIN_STEP_GROWTH_LIMIT, "worker " + worker.id() + " grew by " + (growth >> 20)
                        + " MiB during the join step of " + partitions + " partitions: " + step.renderText());
            }
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        }
    }

    private static long expectedCount() {
        long[] build = new long[(int) KEYS];
        for (long i = 0; i < BUILD_ROWS; i++) {
            build[(int) Generator.randomInt(KEYS, 3, i)]++;
        }
        long count = 0;
        for (long i = 0; i < PROBE_ROWS; i++) {
            count += build[(int) Generator.randomInt(KEYS, 1, i)];
        }
        return count;
    }
}
