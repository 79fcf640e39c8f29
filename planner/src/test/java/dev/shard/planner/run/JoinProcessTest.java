package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.type.DataType;
import dev.shard.runtime.api.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Broadcast hash joins (inner, left) and aggregations over them, with count_distinct,
 * checked against a plain nested-loop reference over the generator's values: nulls on
 * both sides, empty and one-row inputs, all-equal and skewed keys, a build side whose
 * every row shares one key (one input batch expands past a batch's capacity), 1 and 3
 * workers, one shard and many.
 */
@Tag("process")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class JoinProcessTest {
    /** Left keys: 10% nulls, then uniform over 100, all equal (7), or 90% zero. */
    private enum Keys {
        UNIFORM, ALL_EQUAL, SKEWED;

        Expr expr(int stream) {
            Expr drawn = switch (this) {
                case UNIFORM -> call(ScalarFunction.RANDOM_INT, lit(100), lit(stream));
                case ALL_EQUAL -> lit(7);
                case SKEWED -> call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM,
                        lit(stream + 1)), lit(0.9)), lit(0), call(ScalarFunction.RANDOM_INT, lit(100), lit(stream)));
            };
            return call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM, lit(stream + 2)),
                    lit(0.1)), Literal.nullOf(DataType.INT), drawn);
        }

        Long value(int stream, long i) {
            if (Generator.uniform(stream + 2, i) < 0.1) {
                return null;
            }
            return switch (this) {
                case UNIFORM -> Generator.randomInt(100, stream, i);
                case ALL_EQUAL -> 7L;
                case SKEWED -> Generator.uniform(stream + 1, i) < 0.9 ? 0L : Generator.randomInt(100, stream, i);
            };
        }
    }

    private static LogicalPlan left(long rows, Keys keys, long pinned) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(as("k", keys.expr(1)),
                as("v", call(ScalarFunction.RANDOM, lit(4))), as("r", call(ScalarFunction.ROW))));
        return pinned > 0 ? new LogicalShardRows(generate, pinned) : generate;
    }

    private static LogicalPlan right(long rows, Keys keys) {
        return new LogicalGenerate(rows, List.of(as("id", keys.expr(11)),
                as("w", call(ScalarFunction.RANDOM, lit(14))), as("rr", call(ScalarFunction.ROW))));
    }

    private static List<List<Object>> leftRows(long rows, Keys keys) {
        List<List<Object>> table = new ArrayList<>();
        for (long i = 0; i < rows; i++) {
            table.add(Arrays.asList(keys.value(1, i), Generator.uniform(4, i), i));
        }
        return table;
    }

    private static List<List<Object>> rightRows(long rows, Keys keys) {
        List<List<Object>> table = new ArrayList<>();
        for (long i = 0; i < rows; i++) {
            table.add(Arrays.asList(keys.value(11, i), Generator.uniform(14, i), i));
        }
        return table;
    }

    /** Left-row order, then right-row order; a null key matches nothing. */
    static List<List<Object>> referenceJoin(List<List<Object>> left, List<List<Object>> right, boolean keepUnmatched) {
        Map<Object, List<List<Object>>> byKey = new LinkedHashMap<>();
        for (List<Object> row : right) {
            if (row.get(0) != null) {
                byKey.computeIfAbsent(row.get(0), key -> new ArrayList<>()).add(row);
            }
        }
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : left) {
            List<List<Object>> matches = row.get(0) == null ? List.of() : byKey.getOrDefault(row.get(0), List.of());
            for (List<Object> match : matches) {
                List<Object> joined = new ArrayList<>(row);
                joined.addAll(match.subList(1, match.size()));
                out.add(joined);
            }
            if (matches.isEmpty() && keepUnmatched) {
                List<Object> joined = new ArrayList<>(row);
                joined.add(null);
                joined.add(null);
                out.add(joined);
            }
        }
        return out;
    }

    /** Per left key in first-seen order: rows, distinct right rows, min and max of w (exact aggregates). */
    static List<List<Object>> referenceAggregate(List<List<Object>> joined) {
        Map<Object, Object[]> groups = new LinkedHashMap<>();
        for (List<Object> row : joined) {
            Object[] g = groups.computeIfAbsent(row.get(0), key -> new Object[] {0L, new HashSet<Long>(), null, null});
            g[0] = (Long) g[0] + 1;
            Double w = (Double) row.get(3);
            if (row.get(4) != null) {
                @SuppressWarnings("unchecked")
                Set<Long> distinct = (Set<Long>) g[1];
                distinct.add((Long) row.get(4));
            }
            if (w != null) {
                g[2] = g[2] == null || w < (Double) g[2] ? w : g[2];
                g[3] = g[3] == null || w > (Double) g[3] ? w : g[3];
            }
        }
        List<List<Object>> out = new ArrayList<>();
        groups.forEach((key, g) -> out.add(Arrays.asList(key, g[0], (long) ((Set<?>) g[1]).size(), g[2], g[3])));
        return out;
    }

    @Test
    void joinsAndAggregatesOverJoinsMatchThePlainReference() {
        for (int workers : new int[] {1, 3}) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                for (long leftRows : new long[] {0, 1, 150_001}) {
                    for (Keys keys : Keys.values()) {
                        for (long rightRows : new long[] {0, 1, 300}) {
                            check(pool, workers, leftRows, keys, rightRows, Keys.UNIFORM, leftRows > 1 ? 65_536 : 0);
                        }
                    }
                }
                check(pool, workers, 9_000, Keys.ALL_EQUAL, 60, Keys.ALL_EQUAL, 0);
                check(pool, workers, 100_000, Keys.SKEWED, 40, Keys.SKEWED, 0);
            }
        }
    }

    private static void check(Pool pool, int workers, long leftRows, Keys leftKeys, long rightRows, Keys rightKeys,
            long pinned) {
        String what = workers + " workers, " + leftRows + " " + leftKeys + " left rows, " + rightRows + " "
                + rightKeys + " right rows, pinned " + pinned;
        List<List<Object>> left = leftRows(leftRows, leftKeys);
        List<List<Object>> right = rightRows(rightRows, rightKeys);
        for (JoinType type : JoinType.values()) {
            LogicalPlan join = new LogicalJoin(left(leftRows, leftKeys, pinned), right(rightRows, rightKeys), type,
                    List.of(new JoinKey("k", "id")));
            List<List<Object>> expected = referenceJoin(left, right, type == JoinType.LEFT);
            assertEquals(expected, run(pool, workers, join), type + " join: " + what);
            LogicalPlan aggregate = new LogicalAggregate(join, List.of("k"), List.of(
                    agg("n", AggregateFunction.COUNT, null), agg("rights", AggregateFunction.COUNT_DISTINCT, col("rr")),
                    agg("low", AggregateFunction.MIN, col("w")), agg("high", AggregateFunction.MAX, col("w"))));
            List<List<Object>> aggregated = referenceAggregate(expected);
            List<List<Object>> actual = run(pool, workers, aggregate);
            assertEquals(aggregated.stream().filter(row -> row.get(0) != null).toList(),
                    actual.stream().filter(row -> row.get(0) != null).toList(), type + " join, group by k: " + what);
            assertEquals(aggregated.stream().filter(row -> row.get(0) == null).toList(),
                    actual.stream().filter(row -> row.get(0) == null).toList(), type + " join, null group: " + what);
        }
    }

    static List<List<Object>> run(Pool pool, int workers, LogicalPlan plan) {
        QueryResult result = QueryRunner.run(pool, PhysicalPlanner.plan(plan, new PlanningContext(workers, 0, 0)),
                source -> {
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
        assertTrue(rows.stream().allMatch(Objects::nonNull));
        return rows;
    }
}
