package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;

import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.type.DataType;
import dev.shard.runtime.tune.MachineProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Join sides large enough that a small budget partitions them while every stage still
 * fits: keys over a wide range (about one match per row), 10% null keys, all-equal or
 * skewed (90% one key) variants, and sides filtered to nothing whose estimate stays large.
 */
final class PartitionedJoins {
    static final long KEY_RANGE = 300_000;
    /** A worker's base in the pinned profile; the share is what the budget leaves per worker above it. */
    static final long BASE = 16L << 20;

    enum Keys {
        WIDE, ALL_EQUAL, SKEWED;

        Expr expr(int stream) {
            Expr drawn = switch (this) {
                case WIDE -> call(ScalarFunction.RANDOM_INT, lit(KEY_RANGE), lit(stream));
                case ALL_EQUAL -> lit(7);
                case SKEWED -> call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM,
                        lit(stream + 1)), lit(0.9)), lit(0), call(ScalarFunction.RANDOM_INT, lit(KEY_RANGE),
                        lit(stream)));
            };
            return call(ScalarFunction.IF, call(ScalarFunction.LESS, call(ScalarFunction.RANDOM, lit(stream + 2)),
                    lit(0.1)), Literal.nullOf(DataType.INT), drawn);
        }

        Long value(int stream, long i) {
            if (Generator.uniform(stream + 2, i) < 0.1) {
                return null;
            }
            return switch (this) {
                case WIDE -> Generator.randomInt(KEY_RANGE, stream, i);
                case ALL_EQUAL -> 7L;
                case SKEWED -> Generator.uniform(stream + 1, i) < 0.9 ? 0L : Generator.randomInt(KEY_RANGE, stream, i);
            };
        }
    }

    private PartitionedJoins() {
    }

    /** Columns k, v, r; {@code empty} keeps no row (the filter's estimate is still half the rows). */
    static LogicalPlan left(long rows, Keys keys, boolean empty) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(as("k", keys.expr(1)),
                as("v", call(ScalarFunction.RANDOM, lit(4))), as("r", call(ScalarFunction.ROW))));
        return empty ? new LogicalFilter(generate, call(ScalarFunction.LESS, col("r"), lit(0))) : generate;
    }

    /** Columns id, w, rr. */
    static LogicalPlan right(long rows, Keys keys, boolean empty) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(as("id", keys.expr(11)),
                as("w", call(ScalarFunction.RANDOM, lit(14))), as("rr", call(ScalarFunction.ROW))));
        return empty ? new LogicalFilter(generate, call(ScalarFunction.LESS, col("rr"), lit(0))) : generate;
    }

    static List<List<Object>> leftRows(long rows, Keys keys, boolean empty) {
        List<List<Object>> table = new ArrayList<>();
        for (long i = 0; i < rows && !empty; i++) {
            table.add(Arrays.asList(keys.value(1, i), Generator.uniform(4, i), i));
        }
        return table;
    }

    static List<List<Object>> rightRows(long rows, Keys keys, boolean empty) {
        List<List<Object>> table = new ArrayList<>();
        for (long i = 0; i < rows && !empty; i++) {
            table.add(Arrays.asList(keys.value(11, i), Generator.uniform(14, i), i));
        }
        return table;
    }

    /** A budget that leaves each of {@code workers} workers {@code shareBytes} above the pinned base. */
    static PlanningContext context(int workers, long shareBytes) {
        return new PlanningContext(new MachineProfile(workers, BASE, 92_000), workers * (BASE + shareBytes), 0);
    }
}
