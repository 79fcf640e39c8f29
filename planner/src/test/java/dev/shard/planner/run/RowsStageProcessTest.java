package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.gt;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.physical.StageSizing;
import dev.shard.planner.type.DataType;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rows that leave the workers (Arrow stage files), per-shard sort with the driver's
 * ordered merge, per-shard top-k and limit, checked against a plain row-at-a-time
 * reference built from the generator: nulls, empty and one-row inputs, all-equal and
 * skewed keys, 1 and 3 workers, one shard and many. The stage directory is gone after
 * every run.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RowsStageProcessTest {
    private static final long[] ROWS = {0, 1, 300_007};

    /** How the key column is drawn: 10% nulls, then uniform over m, all equal, or 90% zero. */
    private enum Keys {
        UNIFORM, ALL_EQUAL, SKEWED;

        Expr expr() {
            Expr drawn = switch (this) {
                case UNIFORM -> call(ScalarFunction.RANDOM_INT, lit(1000), lit(2));
                case ALL_EQUAL -> lit(7);
                case SKEWED -> call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM, lit(4)),
                        lit(0.9)), lit(0), call(ScalarFunction.RANDOM_INT, lit(1000), lit(2)));
            };
            return call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM, lit(1)), lit(0.1)),
                    Literal.nullOf(DataType.INT), drawn);
        }

        Long value(long i) {
            if (Generator.uniform(1, i) < 0.1) {
                return null;
            }
            return switch (this) {
                case UNIFORM -> Generator.randomInt(1000, 2, i);
                case ALL_EQUAL -> 7L;
                case SKEWED -> Generator.uniform(4, i) < 0.9 ? 0L : Generator.randomInt(1000, 2, i);
            };
        }
    }

    private static LogicalPlan table(long rows, Keys keys, long pinned) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(as("k", keys.expr()),
                as("v", call(ScalarFunction.RANDOM, lit(3))), as("r", call(ScalarFunction.ROW))));
        return pinned > 0 ? new LogicalShardRows(generate, pinned) : generate;
    }

    private static List<List<Object>> reference(long rows, Keys keys) {
        List<List<Object>> table = new ArrayList<>();
        for (long i = 0; i < rows; i++) {
            table.add(java.util.Arrays.asList(keys.value(i), Generator.uniform(3, i), i));
        }
        return table;
    }

    /** Nulls last in both directions, then the key's order: what the engine promises. */
    private static Comparator<List<Object>> by(int column, boolean descending) {
        return (a, b) -> {
            Object x = a.get(column);
            Object y = b.get(column);
            if (x == null || y == null) {
                return Boolean.compare(x == null, y == null);
            }
            @SuppressWarnings("unchecked")
            int comparison = ((Comparable<Object>) x).compareTo(y);
            return descending ? -comparison : comparison;
        };
    }

    @Test
    void rowsSortsAndLimitsMatchThePlainReference() throws Exception {
        for (int workers : new int[] {1, 3}) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                for (long rows : ROWS) {
                    for (Keys keys : Keys.values()) {
                        for (long pinned : new long[] {0, 65_536}) {
                            check(pool, workers, rows, keys, pinned);
                        }
                    }
                }
            }
        }
    }

    /**
     * A sort of more data than one worker's share of the memory budget: the tuner cuts it into
     * memory-bound shards, each sorted into its own stage file, and the driver's merge of them
     * is still the plain stable sort.
     */
    @Test
    void aSortOfMoreThanAWorkersShareOfTheBudgetMatchesTheReference() throws Exception {
        int workers = 2;
        long rows = 1_500_000;
        long base = MachineProfile.MEASURED_WORKER_BASE_PRIVATE_BYTES;
        long share = 24L << 20;
        long budget = workers * (base + share);
        LogicalPlan sort = new LogicalSort(table(rows, Keys.UNIFORM, 0), List.of(SortKey.descending("v")));
        PlanningContext context = new PlanningContext(workers, budget, 0);
        PhysicalPlan physical = PhysicalPlanner.plan(sort, context);
        StageSizing.Choice sizing = physical.stage().sizing();
        long dataBytes = rows * 3 * Long.BYTES;
        assertTrue(dataBytes > share, "the rows (" + dataBytes + " bytes at least) are more than a worker's share ("
                + share + ")");
        assertEquals("memory", sizing.binding(), sizing.arithmetic());
        assertTrue(sizing.shards() > workers, "several shards per worker: " + sizing);
        try (Pool pool = Pool.builder().workers(workers).start()) {
            QueryResult result = QueryRunner.run(pool, physical, source -> {
                throw new AssertionError("no scan here");
            });
            assertNoStageDirectoryLeft();
            List<List<Object>> expected = reference(rows, Keys.UNIFORM).stream().sorted(by(1, true)).toList();
            assertEquals(rows, result.table().rows());
            for (int r = 0; r < rows; r++) {
                if (!expected.get(r).equals(result.table().row(r))) {
                    throw new AssertionError("row " + r + ": expected " + expected.get(r) + ", got "
                            + result.table().row(r));
                }
            }
        }
    }

    private static void check(Pool pool, int workers, long rows, Keys keys, long pinned) throws Exception {
        String what = workers + " workers, " + rows + " rows, " + keys + " keys, pinned " + pinned;
        List<List<Object>> all = reference(rows, keys);
        LogicalPlan input = table(rows, keys, pinned);

        List<List<Object>> sorted = all.stream().sorted(by(0, false).thenComparing(by(1, true))).toList();
        assertEquals(sorted, run(pool, workers, new LogicalSort(input, List.of(SortKey.ascending("k"),
                SortKey.descending("v")))), "sort k, -v: " + what);

        List<List<Object>> top = all.stream().sorted(by(0, true)).limit(100).toList();
        assertEquals(top, run(pool, workers, new LogicalLimit(new LogicalSort(input,
                List.of(SortKey.descending("k"))), 100)), "top 100 by -k (stable): " + what);

        assertEquals(all.stream().limit(10).toList(), run(pool, workers, new LogicalLimit(input, 10)),
                "take 10: " + what);

        Predicate<List<Object>> kept = row -> (Double) row.get(1) > 0.5;
        assertEquals(all.stream().filter(kept).toList(), run(pool, workers, new LogicalFilter(input,
                gt(col("v"), lit(0.5)))), "filter v > 0.5: " + what);
    }

    private static List<List<Object>> run(Pool pool, int workers, LogicalPlan plan) throws Exception {
        PhysicalPlan physical = PhysicalPlanner.plan(plan, new PlanningContext(workers, 0, 0));
        QueryResult result = QueryRunner.run(pool, physical, source -> {
            throw new AssertionError("no scan here");
        });
        assertNoStageDirectoryLeft();
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < result.table().rows(); r++) {
            rows.add(result.table().row(r));
        }
        return rows;
    }

    static void assertNoStageDirectoryLeft() throws Exception {
        try (Stream<java.nio.file.Path> entries = Files.list(SegmentStore.shared().runDirectory(Backing.SHM))) {
            List<String> stages = entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("stage-"))
                    .toList();
            assertTrue(stages.isEmpty(), "stage directories left behind: " + stages);
        }
    }
}
