package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.AggregateMerge;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.type.DataType;
import dev.shard.runtime.api.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partitioned merge of a hash aggregation on real workers: byte-identical CSV output
 * for 1, 2 and 3 workers and three budgets (which choose different partition counts) and
 * the driver merge pinned; groups, their order of first appearance and every aggregate
 * against a plain single-threaded loop over the generator, for about a million distinct
 * keys with 5% nulls, skewed keys, all-equal keys, one row and an empty input.
 */
@Tag("process")
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class PartitionedAggregateProcessTest {
    private static final long WIDE_ROWS = 1_500_000;
    private static final long KEY_RANGE = 1_000_000;
    /**
     * Per-worker shares above the pinned base; 0: no budget. The smallest holds one 65,536-row
     * block of a million groups (~29 MiB: 24 B/row at the measured 19× of a group per row).
     */
    private static final long[] SHARES = {0, 64L << 20, 32L << 20};

    @TempDir
    Path directory;

    enum Keys {
        WIDE, SKEWED, ALL_EQUAL;

        Expr expr() {
            Expr drawn = switch (this) {
                case WIDE -> call(ScalarFunction.RANDOM_INT, lit(KEY_RANGE), lit(1));
                case SKEWED -> call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM, lit(5)),
                        lit(0.9)), lit(0), call(ScalarFunction.RANDOM_INT, lit(KEY_RANGE), lit(1)));
                case ALL_EQUAL -> lit(7);
            };
            return call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM, lit(3)), lit(0.05)),
                    Literal.nullOf(DataType.INT), drawn);
        }

        Long value(long i) {
            if (Generator.uniform(3, i) < 0.05) {
                return null;
            }
            return switch (this) {
                case WIDE -> Generator.randomInt(KEY_RANGE, 1, i);
                case SKEWED -> Generator.uniform(5, i) < 0.9 ? 0L : Generator.randomInt(KEY_RANGE, 1, i);
                case ALL_EQUAL -> 7L;
            };
        }
    }

    private static LogicalPlan aggregate(long rows, Keys keys, boolean empty) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(as("k", keys.expr()),
                as("v", call(ScalarFunction.RANDOM, lit(2))), as("d", call(ScalarFunction.RANDOM_INT, lit(50), lit(4))),
                as("r", call(ScalarFunction.ROW))));
        LogicalPlan input = empty ? new LogicalFilter(generate, call(ScalarFunction.LESS, col("r"), lit(0))) : generate;
        return new LogicalAggregate(input, List.of("k"), List.of(agg("n", AggregateFunction.COUNT, null),
                agg("s", AggregateFunction.SUM, col("v")), agg("sd", AggregateFunction.SD, col("v")),
                agg("lo", AggregateFunction.MIN, col("v")), agg("hi", AggregateFunction.MAX, col("v")),
                agg("f", AggregateFunction.FIRST, col("d")), agg("l", AggregateFunction.LAST, col("v")),
                agg("cd", AggregateFunction.COUNT_DISTINCT, col("d"))));
    }

    @Test
    void everyWorkerCountBudgetAndMergeWritesTheSameBytes() throws Exception {
        List<byte[]> outputs = new ArrayList<>();
        Set<Integer> partitionCounts = new TreeSet<>();
        LogicalPlan logical = aggregate(WIDE_ROWS, Keys.WIDE, false);
        for (int workers = 1; workers <= 3; workers++) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                for (long share : SHARES) {
                    PlanningContext context = share == 0 ? new PlanningContext(workers, 0, 0)
                            : PartitionedJoins.context(workers, share);
                    PhysicalPlan plan = PhysicalPlanner.plan(logical, context);
                    outputs.add(runToCsv(pool, plan, "w" + workers + "-" + share));
                    partitionCounts.add(merge(plan).partitions());
                }
                PhysicalPlan driver = PhysicalPlanner.withAggregateMerge(PhysicalPlanner.plan(logical,
                        new PlanningContext(workers, 0, 0)), AggregateMerge.onDriver());
                outputs.add(runToCsv(pool, driver, "w" + workers + "-driver"));
                partitionCounts.add(0);
            }
        }
        for (int i = 1; i < outputs.size(); i++) {
            assertArrayEquals(outputs.getFirst(), outputs.get(i), "run " + i + " of " + outputs.size());
        }
        assertTrue(partitionCounts.size() >= 3, "the driver merge and at least two partition counts: "
                + partitionCounts);
    }

    @Test
    void partitionedAndDriverMergesMatchThePlainReference() throws Exception {
        try (Pool pool = Pool.builder().workers(2).start()) {
            compare(pool, WIDE_ROWS, Keys.WIDE, false);
            compare(pool, 400_000, Keys.SKEWED, false);
            compare(pool, 200_000, Keys.ALL_EQUAL, false);
            compare(pool, 1, Keys.WIDE, false);
            compare(pool, 300_000, Keys.WIDE, true);
            compare(pool, 0, Keys.WIDE, false);
        }
    }

    private void compare(Pool pool, long rows, Keys keys, boolean empty) throws Exception {
        LogicalPlan logical = aggregate(rows, keys, empty);
        PhysicalPlan planned = PhysicalPlanner.plan(logical, new PlanningContext(2, 0, 0));
        List<List<Object>> expected = reference(rows, keys, empty);
        for (AggregateMerge merge : List.of(AggregateMerge.pinned(5), AggregateMerge.onDriver())) {
            QueryResult result = QueryRunner.run(pool, PhysicalPlanner.withAggregateMerge(planned, merge), source -> {
                throw new AssertionError("no scan here");
            });
            RowsStageProcessTest.assertNoStageDirectoryLeft();
            assertMatches(expected, result.table(), rows + " rows, " + keys + (empty ? ", empty" : "") + ", "
                    + merge.strategy() + " merge");
            if (merge.partitioned() && rows > 0 && !empty) {
                assertTrue(result.explanation().stages().getLast().notes().stream()
                        .anyMatch(note -> note.startsWith("merge stage: 5 partitions")),
                        () -> "explain analyze tells of the merge stage: " + result.explanation().stages().getLast()
                                .notes());
                // The merge stage's run is part of the query's report: its 5 shards are counted.
                assertEquals(List.of("final stage", "aggregation merge stage"),
                        result.stageReports().stream().map(StageRunReport::stage).toList());
                int partialShards = result.stageReports().getFirst().report().shards().total();
                assertEquals(partialShards + 5, result.report().orElseThrow().shards().total());
            }
        }
    }

    private byte[] runToCsv(Pool pool, PhysicalPlan plan, String name) throws Exception {
        Path file = directory.resolve(name + ".csv");
        PhysicalPlan written = new PhysicalPlan(plan.builds(), plan.sharedBuilds(), plan.partitionedJoins(),
                plan.stage(), plan.driverOperators(), plan.output(),
                java.util.Optional.of(new WriteTarget.CsvFile(file.toString())), plan.context());
        QueryRunner.run(pool, written, source -> {
            throw new AssertionError("no scan here");
        });
        RowsStageProcessTest.assertNoStageDirectoryLeft();
        return Files.readAllBytes(file);
    }

    private static AggregateMerge merge(PhysicalPlan plan) {
        return ((FinalAggregateExec) plan.driverOperators().getFirst()).merge();
    }

    /** Per group, in order of first appearance: k, n, sum, sd, min, max, first d, last v, distinct d. */
    private static List<List<Object>> reference(long rows, Keys keys, boolean empty) {
        Map<Long, List<Double>> values = new LinkedHashMap<>();
        Map<Long, Long> firstDay = new LinkedHashMap<>();
        Map<Long, Long> days = new LinkedHashMap<>();
        for (long i = 0; i < rows && !empty; i++) {
            Long key = keys.value(i);
            long d = Generator.randomInt(50, 4, i);
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(Generator.uniform(2, i));
            firstDay.putIfAbsent(key, d);
            days.merge(key, 1L << d, (a, b) -> a | b);
        }
        List<List<Object>> table = new ArrayList<>();
        values.forEach((key, vs) -> {
            double sum = vs.stream().mapToDouble(Double::doubleValue).sum();
            double mean = sum / vs.size();
            double squares = vs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            Double sd = vs.size() < 2 ? null : Math.sqrt(squares / (vs.size() - 1));
            table.add(java.util.Arrays.asList(key, (long) vs.size(), sum, sd,
                    vs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    vs.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), firstDay.get(key), vs.getLast(),
                    (long) Long.bitCount(days.get(key))));
        });
        return table;
    }

    /** Exact, except the sum and sd (columns 2 and 3), which a plain loop adds in another order. */
    private static void assertMatches(List<List<Object>> expected, ColumnTable actual, String what) {
        assertEquals(expected.size(), actual.rows(), what + ": groups");
        for (int g = 0; g < expected.size(); g++) {
            List<Object> want = expected.get(g);
            List<Object> got = actual.row(g);
            for (int c = 0; c < want.size(); c++) {
                if ((c == 2 || c == 3) && want.get(c) instanceof Double w && got.get(c) instanceof Double d) {
                    assertEquals(w, d, 1e-9 * Math.max(1, Math.abs(w)), what + ": group " + g + " column " + c);
                } else {
                    assertEquals(want.get(c), got.get(c), what + ": group " + g + " (key " + want.getFirst()
                            + ") column " + c);
                }
            }
        }
    }
}
