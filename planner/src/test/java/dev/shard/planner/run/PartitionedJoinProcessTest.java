package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.run.PartitionedJoins.Keys;
import dev.shard.runtime.api.Pool;
import java.util.ArrayList;
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
    private static final long RIGHT_ROWS = 300_000;
    /** A 12 MB build hash table against 20 MiB per worker: two partitions or more. */
    private static final long SHARE = 20L << 20;

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
        QueryResult result = QueryRunner.run(pool, plan, source -> {
            throw new AssertionError("no scan here");
        });
        try {
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < result.table().rows(); r++) {
            rows.add(result.table().row(r));
        }
        return rows;
    }
}
