package dev.shard.planner.run;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalShardRows;
import java.util.List;

/** W2 and W3 of WORKLOADS.md as logical plans, and their plain-loop checksums. */
final class Workloads {
    private Workloads() {
    }

    static LogicalPlan groupAggregate(long rows, long pinnedRows) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(
                NamedExpr.of("key", Call.of(ScalarFunction.RANDOM_INT, Literal.of(1000L), Literal.of(1L))),
                NamedExpr.of("value", Call.of(ScalarFunction.RANDOM, Literal.of(2L)))));
        LogicalPlan input = pinnedRows > 0 ? new LogicalShardRows(generate, pinnedRows) : generate;
        Column value = new Column("value");
        return new LogicalAggregate(input, List.of("key"), List.of(
                new AggregateCall("count", AggregateFunction.COUNT, null),
                new AggregateCall("sum", AggregateFunction.SUM, value),
                new AggregateCall("mean", AggregateFunction.MEAN, value),
                new AggregateCall("min", AggregateFunction.MIN, value),
                new AggregateCall("max", AggregateFunction.MAX, value)));
    }

    static LogicalPlan filterAggregate(long rows, long pinnedRows) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(
                NamedExpr.of("a", Call.of(ScalarFunction.RANDOM, Literal.of(1L))),
                NamedExpr.of("b", Call.of(ScalarFunction.RANDOM, Literal.of(2L))),
                NamedExpr.of("k", Call.of(ScalarFunction.RANDOM_INT, Literal.of(100L), Literal.of(3L)))));
        LogicalPlan input = pinnedRows > 0 ? new LogicalShardRows(generate, pinnedRows) : generate;
        LogicalPlan filtered = new LogicalFilter(input, Call.of(ScalarFunction.GREATER, new Column("a"),
                Literal.of(0.5)));
        LogicalPlan derived = LogicalProject.derive(filtered, List.of(NamedExpr.of("c", Call.of(ScalarFunction.ADD,
                Call.of(ScalarFunction.MULTIPLY, new Column("a"), new Column("b")), Literal.of(1.0)))));
        return new LogicalAggregate(derived, List.of("k"), List.of(
                new AggregateCall("sum", AggregateFunction.SUM, new Column("c")),
                new AggregateCall("count", AggregateFunction.COUNT, null)));
    }

    static double groupAggregateChecksum(long rows) {
        long[] counts = new long[1000];
        double[] sums = new double[1000];
        double[] mins = new double[1000];
        double[] maxs = new double[1000];
        java.util.Arrays.fill(mins, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(maxs, Double.NEGATIVE_INFINITY);
        for (long i = 0; i < rows; i++) {
            int k = (int) Generator.randomInt(1000, 1, i);
            double v = Generator.uniform(2, i);
            counts[k]++;
            sums[k] += v;
            mins[k] = Math.min(mins[k], v);
            maxs[k] = Math.max(maxs[k], v);
        }
        double checksum = 0;
        for (int k = 0; k < 1000; k++) {
            if (counts[k] > 0) {
                checksum += (k + 1) * (counts[k] + sums[k] + sums[k] / counts[k] + mins[k] + maxs[k]);
            }
        }
        return checksum;
    }

    static double filterAggregateChecksum(long rows) {
        long[] counts = new long[100];
        double[] sums = new double[100];
        for (long i = 0; i < rows; i++) {
            double a = Generator.uniform(1, i);
            if (a > 0.5) {
                int k = (int) Generator.randomInt(100, 3, i);
                sums[k] += a * Generator.uniform(2, i) + 1;
                counts[k]++;
            }
        }
        double checksum = 0;
        for (int k = 0; k < 100; k++) {
            checksum += (k + 1) * (counts[k] + sums[k]);
        }
        return checksum;
    }
}
