package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.api.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broadcast and the partitioned plan of one join give the same bytes: a left join's
 * rows (an Arrow file) and floating-point aggregates over an inner join (a CSV file), for
 * 1, 2 and 3 workers and four budgets — none and a roomy one (broadcast), two small ones
 * (2 and 3 partitions).
 */
@Tag("process")
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class PartitionedJoinDeterminismProcessTest {
    private static final long ORDERS = 200_000 + 777;
    private static final long CUSTOMERS = 1_400_000;
    /**
     * Per-worker shares above the base; 0: no budget. The 56 MB build is broadcast under 128
     * MiB's half; the join step's working set (2 × the 56 MB table + 200,777 joined rows × 48 B
     * × 7.5× ≈ 176 MiB) splits in 2 under 96 MiB and in 3 under 64 MiB. Every share holds a
     * block of the customers' partition step (65,536 rows × 24 B × 28× = 42 MiB).
     */
    private static final long[] SHARES = {0, 128L << 20, 96L << 20, 64L << 20};

    @TempDir
    Path directory;

    private static LogicalPlan join(JoinType type) {
        LogicalPlan orders = new LogicalGenerate(ORDERS, List.of(
                as("customer", call(ScalarFunction.RANDOM_INT, lit(CUSTOMERS), lit(8))),
                as("amount", call(ScalarFunction.UNIFORM, lit(1.0), lit(500.0), lit(9)))));
        LogicalPlan customers = new LogicalGenerate(CUSTOMERS, List.of(as("id", call(ScalarFunction.ROW)),
                as("country", call(ScalarFunction.RANDOM_INT, lit(20), lit(7))),
                as("weight", call(ScalarFunction.NORMAL, lit(3)))));
        return new LogicalJoin(orders, customers, type, List.of(new JoinKey("customer", "id")));
    }

    @Test
    void broadcastAndPartitionedPlansWriteTheSameBytes() throws Exception {
        List<byte[]> rows = new ArrayList<>();
        List<byte[]> aggregates = new ArrayList<>();
        Set<Integer> partitionCounts = new TreeSet<>();
        for (int workers = 1; workers <= 3; workers++) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                for (long share : SHARES) {
                    PlanningContext context = share == 0 ? new PlanningContext(workers, 0, 0)
                            : PartitionedJoins.context(workers, share);
                    String name = workers + "-" + share;
                    Path rowsFile = directory.resolve("rows-" + name + ".arrow");
                    partitionCounts.add(run(pool, context, new LogicalWrite(join(JoinType.LEFT),
                            new WriteTarget.ArrowFile(rowsFile.toString()))));
                    rows.add(Files.readAllBytes(rowsFile));
                    Path aggregateFile = directory.resolve("aggregate-" + name + ".csv");
                    LogicalPlan aggregate = new LogicalAggregate(join(JoinType.INNER), List.of("country"),
                            List.of(agg("revenue", AggregateFunction.SUM, col("amount")),
                                    agg("mean", AggregateFunction.MEAN, col("weight")),
                                    agg("sd", AggregateFunction.SD, col("amount")),
                                    agg("customers", AggregateFunction.COUNT_DISTINCT, col("customer"))));
                    partitionCounts.add(run(pool, context, new LogicalWrite(aggregate,
                            new WriteTarget.CsvFile(aggregateFile.toString()))));
                    aggregates.add(Files.readAllBytes(aggregateFile));
                }
            }
        }
        for (int i = 1; i < rows.size(); i++) {
            assertArrayEquals(rows.getFirst(), rows.get(i), "left join rows, run " + i);
            assertArrayEquals(aggregates.getFirst(), aggregates.get(i), "aggregate over the join, run " + i);
        }
        assertEquals(Set.of(0, 2, 3), partitionCounts, "broadcast (0) and partitioned plans of 2 and 3 partitions");
        assertTrue(rows.getFirst().length > ORDERS * 8, "the join's rows were written");
        assertEquals(21, new String(aggregates.getFirst()).lines().count(), "20 countries and a header");
    }

    /** Runs {@code plan}; its partition count (0: broadcast). */
    private static int run(Pool pool, PlanningContext context, LogicalPlan logical) throws Exception {
        PhysicalPlan plan = PhysicalPlanner.plan(logical, context);
        QueryRunner.run(pool, plan, source -> {
            throw new AssertionError("no scan here");
        });
        RowsStageProcessTest.assertNoStageDirectoryLeft();
        return plan.partitionedJoins().isEmpty() ? 0 : plan.partitionedJoins().getFirst().partitions();
    }
}
