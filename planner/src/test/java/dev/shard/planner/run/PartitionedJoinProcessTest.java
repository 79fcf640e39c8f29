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
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.run.PartitionedJoins.Keys;
import dev.shard.runtime.api.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Partitioned hash joins (inner, left), forced by a small budget, and aggregations over
 * them checked against the plain single-threaded reference of JoinProcessTest: null keys
 * on both sides, empty sides, all-equal and skewed keys (one partition far larger than
 * the others, one probe row matching most of the build), 1 and 3 workers.
 */
@Tag("process")
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class PartitionedJoinProcessTest {
    private static final long LEFT_ROWS = 150_001;
    /**
     * A 28 MB build hash table against 48 MiB per worker: two partitions or more. The share
     * is the smallest round one that holds a block of either side's partition step (65,536
     * rows × 24 B × 28× = 42 MiB), so the build side must pass half of it.
     */
    private static final long RIGHT_ROWS = 700_000;
    private static final long SHARE = 48L << 20;
    /**
     * The chain's upper partition step splits the lower join's rows (40 B: 65,536 × 40 B ×
     * 28× = 70 MiB a block), so the chain gets a larger share and sides past half of it.
     */
    private static final long CHAIN_SHARE = 72L << 20;
    private static final long CHAIN_RIGHT_ROWS = 1_000_000;

    @Test
    void partitionedJoinsMatchThePlainReference() {
        for (int workers : new int[] {1, 3}) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                check(pool, workers, Keys.WIDE, false, Keys.WIDE, false);
                check(pool, workers, Keys.ALL_EQUAL, false, Keys.WIDE, false);
                check(pool, workers, Keys.SKEWED, false, Keys.WIDE, false);
                check(pool, workers, Keys.WIDE, false, Keys.SKEWED, false);
                check(pool, workers, Keys.WIDE, true, Keys.WIDE, false);
                check(pool, workers, Keys.WIDE, false, Keys.WIDE, true);
            }
        }
    }

    /**
     * Two partitioned joins in a chain: the upper join's probe side is the lower join's
     * stage, reading its partitions back in probe order. Same rows as the broadcast plan.
     */
    @Test
    void chainedPartitionedJoinsGiveTheBroadcastRows() {
        LogicalPlan second = new LogicalGenerate(CHAIN_RIGHT_ROWS, List.of(
                as("id2", call(ScalarFunction.RANDOM_INT, lit(CHAIN_RIGHT_ROWS), lit(21))),
                as("x", call(ScalarFunction.RANDOM, lit(22))), as("y", call(ScalarFunction.ROW))));
        LogicalPlan chain = new LogicalJoin(new LogicalJoin(PartitionedJoins.left(LEFT_ROWS, Keys.WIDE, false),
                PartitionedJoins.right(CHAIN_RIGHT_ROWS, Keys.WIDE, false), JoinType.INNER,
                List.of(new JoinKey("k", "id"))), second, JoinType.LEFT, List.of(new JoinKey("rr", "id2")));
        int workers = 3;
        PhysicalPlan partitioned = PhysicalPlanner.plan(chain, PartitionedJoins.context(workers, CHAIN_SHARE));
        assertEquals(1, partitioned.partitionedJoins().size(), "the upper join is partitioned");
        assertEquals(1, partitioned.partitionedJoins().getFirst().probe().partitionedJoins().size(),
                "and so is the lower one, inside its probe side");
        try (Pool pool = Pool.builder().workers(workers).start()) {
            List<List<Object>> broadcast = GeneratedQueries.rows(GeneratedQueries.run(pool,
                    PhysicalPlanner.plan(chain, new PlanningContext(workers, 0, 0))));
            assertEquals(broadcast, GeneratedQueries.rows(GeneratedQueries.run(pool, partitioned)));
            assertTrue(broadcast.size() > LEFT_ROWS / 2, "the chain keeps rows: " + broadcast.size());
        }
    }

    private static void check(Pool pool, int workers, Keys leftKeys, boolean emptyLeft, Keys rightKeys,
            boolean emptyRight) {
        long rightRows = emptyRight ? 2 * RIGHT_ROWS : RIGHT_ROWS;
        String what = workers + " workers, left " + leftKeys + (emptyLeft ? " (empty)" : "") + ", right " + rightKeys
                + (emptyRight ? " (empty)" : "");
        List<List<Object>> left = PartitionedJoins.leftRows(LEFT_ROWS, leftKeys, emptyLeft);
        List<List<Object>> right = PartitionedJoins.rightRows(rightRows, rightKeys, emptyRight);
        for (JoinType type : JoinType.values()) {
            LogicalPlan join = new LogicalJoin(PartitionedJoins.left(LEFT_ROWS, leftKeys, emptyLeft),
                    PartitionedJoins.right(rightRows, rightKeys, emptyRight), type, List.of(new JoinKey("k", "id")));
            List<List<Object>> expected = JoinProcessTest.referenceJoin(left, right, type == JoinType.LEFT);
            assertEquals(expected, run(pool, workers, join), type + " join: " + what);
            LogicalPlan aggregate = new LogicalAggregate(join, List.of("k"), List.of(
                    agg("n", AggregateFunction.COUNT, null), agg("rights", AggregateFunction.COUNT_DISTINCT, col("rr")),
                    agg("low", AggregateFunction.MIN, col("w")), agg("high", AggregateFunction.MAX, col("w"))));
            assertEquals(JoinProcessTest.referenceAggregate(expected), run(pool, workers, aggregate),
                    type + " join, group by k: " + what);
        }
    }

    private static List<List<Object>> run(Pool pool, int workers, LogicalPlan logical) {
        PhysicalPlan plan = PhysicalPlanner.plan(logical, PartitionedJoins.context(workers, SHARE));
        assertEquals(1, plan.partitionedJoins().size(), "the small budget partitions the join");
        QueryResult result = GeneratedQueries.run(pool, plan);
        try {
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return GeneratedQueries.rows(result);
    }
}
