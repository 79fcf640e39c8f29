package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.api.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A left join's rows (an Arrow file) and an aggregation over an inner join (sums, means,
 * deviations: floating-point folds; a CSV file) are byte-identical for 1, 2 and 3
 * workers and three shard sizes.
 */
@Tag("process")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class JoinDeterminismProcessTest {
    private static final long ROWS = 400_000 + 777;
    private static final long[] SHARD_ROWS = {65_536, 196_608, 1 << 20};

    @TempDir
    Path directory;

    private static LogicalPlan join(long shardRows, JoinType type) {
        LogicalPlan orders = new LogicalShardRows(new LogicalGenerate(ROWS, List.of(
                as("customer", call(ScalarFunction.RANDOM_INT, lit(6_000), lit(8))),
                as("amount", call(ScalarFunction.UNIFORM, lit(1.0), lit(500.0), lit(9))))), shardRows);
        LogicalPlan customers = new LogicalGenerate(5_000, List.of(as("id", call(ScalarFunction.ROW)),
                as("country", call(ScalarFunction.RANDOM_INT, lit(20), lit(7))),
                as("weight", call(ScalarFunction.NORMAL, lit(3)))));
        return new LogicalJoin(orders, customers, type, List.of(new JoinKey("customer", "id")));
    }

    @Test
    void joinOutputsAreTheSameBytesForEveryWorkerCountAndShardSize() throws Exception {
        List<byte[]> rows = new ArrayList<>();
        List<byte[]> aggregates = new ArrayList<>();
        for (int workers = 1; workers <= 3; workers++) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                for (long shardRows : SHARD_ROWS) {
                    String name = workers + "-" + shardRows;
                    Path rowsFile = directory.resolve("rows-" + name + ".arrow");
                    run(pool, workers, new LogicalWrite(join(shardRows, JoinType.LEFT),
                            new WriteTarget.ArrowFile(rowsFile.toString())));
                    rows.add(Files.readAllBytes(rowsFile));
                    Path aggregateFile = directory.resolve("aggregate-" + name + ".csv");
                    LogicalPlan aggregate = new LogicalAggregate(join(shardRows, JoinType.INNER), List.of("country"),
                            List.of(agg("revenue", AggregateFunction.SUM, col("amount")),
                                    agg("mean", AggregateFunction.MEAN, col("weight")),
                                    agg("sd", AggregateFunction.SD, col("amount")),
                                    agg("customers", AggregateFunction.COUNT_DISTINCT, col("customer"))));
                    run(pool, workers, new LogicalWrite(aggregate, new WriteTarget.CsvFile(aggregateFile.toString())));
                    aggregates.add(Files.readAllBytes(aggregateFile));
                }
            }
        }
        for (int i = 1; i < rows.size(); i++) {
            assertArrayEquals(rows.getFirst(), rows.get(i), "left join rows, run " + i);
            assertArrayEquals(aggregates.getFirst(), aggregates.get(i), "aggregate over the join, run " + i);
        }
        assertTrue(rows.getFirst().length > ROWS * 8, "the join's rows were written");
        assertTrue(new String(aggregates.getFirst()).lines().count() == 21, "20 countries and a header");
    }

    private static void run(Pool pool, int workers, LogicalPlan plan) throws Exception {
        QueryRunner.run(pool, PhysicalPlanner.plan(plan, new PlanningContext(workers, 0, 0)), source -> {
            throw new AssertionError("no scan here");
        });
        RowsStageProcessTest.assertNoStageDirectoryLeft();
    }
}
