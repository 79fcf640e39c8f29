package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.api.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * W2 and W3 on real worker JVMs: the result is bit-identical for 1 and 3 workers and
 * for three shard layouts, and matches a plain loop's checksum.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WorkloadDeterminismProcessTest {
    private static final long ROWS = 1_000_000 + 12_345;
    private static final long[] SHARD_ROWS = {65_536, 196_608, 1 << 20};

    @Test
    void groupAggregateIsIdenticalForEveryWorkerCountAndLayout() {
        check(pinned -> Workloads.groupAggregate(ROWS, pinned), "key", Workloads.groupAggregateChecksum(ROWS),
                WorkloadDeterminismProcessTest::groupChecksum);
    }

    @Test
    void filterAggregateIsIdenticalForEveryWorkerCountAndLayout() {
        check(pinned -> Workloads.filterAggregate(ROWS, pinned), "k", Workloads.filterAggregateChecksum(ROWS),
                WorkloadDeterminismProcessTest::filterChecksum);
    }

    private static void check(LongFunction<LogicalPlan> plans, String key, double expected,
            java.util.function.ToDoubleFunction<ColumnTable> checksum) {
        List<String> outputs = new ArrayList<>();
        for (int workers : new int[] {1, 3}) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                for (long shardRows : SHARD_ROWS) {
                    LogicalPlan plan = new dev.shard.planner.logical.LogicalSort(plans.apply(shardRows),
                            List.of(SortKey.ascending(key)));
                    QueryResult result = QueryRunner.run(pool, PhysicalPlanner.plan(plan,
                            new PlanningContext(workers, 0, 0)), source -> {
                                throw new AssertionError("no scan here");
                            });
                    outputs.add(render(result.table()));
                    double actual = checksum.applyAsDouble(result.table());
                    assertEquals(expected, actual, Math.abs(expected) * 1e-12, "checksum");
                }
            }
        }
        for (String output : outputs) {
            assertEquals(outputs.getFirst(), output, "every worker count and layout gives the same bits");
        }
        assertTrue(outputs.getFirst().length() > 1000);
    }

    static double groupChecksum(ColumnTable table) {
        double checksum = 0;
        for (int r = 0; r < table.rows(); r++) {
            long k = table.column("key").longs[r];
            checksum += (k + 1) * (table.column("count").longs[r] + table.column("sum").doubles[r]
                    + table.column("mean").doubles[r] + table.column("min").doubles[r]
                    + table.column("max").doubles[r]);
        }
        return checksum;
    }

    static double filterChecksum(ColumnTable table) {
        double checksum = 0;
        for (int r = 0; r < table.rows(); r++) {
            checksum += (table.column("k").longs[r] + 1) * (table.column("count").longs[r]
                    + table.column("sum").doubles[r]);
        }
        return checksum;
    }

    /** Every value with its exact bits. */
    static String render(ColumnTable table) {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < table.rows(); r++) {
            for (BatchColumn column : table.columns()) {
                Object value = column.get(r);
                text.append(value instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : value)
                        .append(',');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
