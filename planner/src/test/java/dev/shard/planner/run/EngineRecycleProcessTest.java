package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.report.RunReport;
import dev.shard.storage.segment.SegmentStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workers recycled in the middle of an engine stage: a pool whose workers retire after a few
 * tasks replaces each of them several times during a group-by and during a broadcast join (whose
 * replacement builds its hash table again). A recycle happens between shards, so nothing runs
 * twice (no retry) and the result has the bits of a run on a pool that recycled nothing.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EngineRecycleProcessTest {
    private static final long ROWS = 2_000_000;
    private static final int TASKS_PER_WORKER = 5;

    @AfterAll
    static void nothingLeft() throws Exception {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
        RowsStageProcessTest.assertNoStageDirectoryLeft();
    }

    private static LogicalPlan facts() {
        return new LogicalShardRows(new LogicalGenerate(ROWS, List.of(
                as("key", call(ScalarFunction.RANDOM_INT, lit(1000), lit(1))),
                as("value", call(ScalarFunction.NORMAL, lit(2))),
                as("other", call(ScalarFunction.UNIFORM, lit(1.0), lit(2.0), lit(3))))), 65_536);
    }

    @Test
    void aGroupByGivesTheSameBitsWhenItsWorkersAreRecycledMidStage() throws Exception {
        compare(new LogicalSort(new LogicalAggregate(facts(), List.of("key"), List.of(
                agg("total", AggregateFunction.SUM, col("value")), agg("sd", AggregateFunction.SD, col("other")),
                agg("n", AggregateFunction.COUNT, null))), List.of(SortKey.ascending("key"))));
    }

    @Test
    void aBroadcastJoinGivesTheSameBitsWhenItsWorkersAreRecycledMidStage() throws Exception {
        LogicalPlan customers = new LogicalGenerate(1_000, List.of(as("id", call(ScalarFunction.ROW)),
                as("country", call(ScalarFunction.RANDOM_INT, lit(20), lit(7)))));
        compare(new LogicalSort(new LogicalAggregate(new LogicalJoin(facts(), customers, JoinType.INNER,
                List.of(new JoinKey("key", "id"))), List.of("country"), List.of(
                agg("total", AggregateFunction.SUM, col("value")), agg("n", AggregateFunction.COUNT, null))),
                List.of(SortKey.ascending("country"))));
    }

    private static void compare(LogicalPlan plan) {
        PhysicalPlan physical = PhysicalPlanner.plan(plan, new PlanningContext(2, 0, 0));
        int shards = physical.stage().sizing().shards();
        assertTrue(shards > 4 * TASKS_PER_WORKER, "enough shards that every worker is recycled: " + shards);
        List<List<Object>> clean;
        try (Pool pool = Pool.builder().workers(2).start()) {
            clean = GeneratedQueries.rows(GeneratedQueries.run(pool, physical));
        }
        try (Pool pool = Pool.builder().workers(2).maxTasksPerWorker(TASKS_PER_WORKER).start()) {
            QueryResult recycled = GeneratedQueries.run(pool, physical);
            RunReport report = recycled.report().orElseThrow();
            assertTrue(report.recycles().size() >= 2, () -> "workers recycled mid-stage: " + report.renderText());
            assertEquals(0, report.shards().retries(), () -> "a recycle re-runs nothing: " + report.renderText());
            assertEquals(clean, GeneratedQueries.rows(recycled), "same bits as the run that recycled nothing");
        }
        assertTrue(!clean.isEmpty());
    }


}
