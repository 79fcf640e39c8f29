package dev.shard.planner.physical;

import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How many distinct values a column can take, and so how many groups an aggregation can
 * have, from the plan alone (no statistics). Exact bounds where the plan shows them: a
 * column computed as {@code random_int(m, stream)} has at most m values, a literal one, a
 * BOOL column three (true, false, null), a function of bounded arguments their product
 * plus a null; a column passed through filters, sorts and derives keeps its bound. Otherwise nothing is known and every row may be a group of its
 * own: the estimate is the rows, an upper bound, so a merge sized from it never runs short —
 * unless the one key is read from a file or shared table whose sampled values repeat a lot
 * ({@link KeySample}), an estimate that only steers the merge's choice.
 */
final class GroupEstimate {
    private GroupEstimate() {
    }

    /** At most {@code groups} groups, and why in words. */
    record Estimate(long groups, String reason) {
    }

    static Estimate of(LogicalAggregate aggregate, long rows) {
        if (aggregate.keys().isEmpty()) {
            return new Estimate(1, "no keys: one group");
        }
        long product = 1;
        List<String> reasons = new ArrayList<>();
        for (String key : aggregate.keys()) {
            OptionalLong bound = distinctValues(key, aggregate.input());
            if (bound.isEmpty()) {
                Optional<Estimate> sampled = aggregate.keys().size() == 1 ? KeySample.of(key, aggregate.input())
                        : Optional.empty();
                if (sampled.isPresent()) {
                    return sampled.get();
                }
                return new Estimate(rows, "key " + key + " has no known bound: as many groups as rows");
            }
            product = Math.multiplyHigh(product, bound.getAsLong()) != 0 ? Long.MAX_VALUE
                    : product * bound.getAsLong();
            reasons.add(key + " ≤ " + dev.shard.runtime.tune.HumanUnits.count(bound.getAsLong()));
        }
        long groups = Math.min(product, rows);
        return new Estimate(groups, String.join(", ", reasons) + (groups < product ? ", capped by the rows" : ""));
    }

    /** Whether every key's distinct values are bounded by the data shape (not sampled, not unknown). */
    static boolean bounded(LogicalAggregate aggregate) {
        return aggregate.keys().stream().allMatch(key -> distinctValues(key, aggregate.input()).isPresent());
    }

    /** The distinct values (null counting as one) column {@code name} of {@code plan} can have, if known. */
    static OptionalLong distinctValues(String name, LogicalPlan plan) {
        if (plan.schema().require(name, "group").type() == DataType.BOOL) {
            return OptionalLong.of(3);
        }
        return switch (plan) {
            case LogicalProject project -> defined(name, project.columns(), project.input());
            case LogicalGenerate generate -> defined(name, generate.columns(), null);
            case LogicalFilter filter -> distinctValues(name, filter.input());
            case LogicalSort sort -> distinctValues(name, sort.input());
            case LogicalLimit limit -> distinctValues(name, limit.input());
            case LogicalShardRows shardRows -> distinctValues(name, shardRows.input());
            case LogicalWrite write -> distinctValues(name, write.input());
            case LogicalScan scan -> OptionalLong.empty();
            case LogicalJoin join -> OptionalLong.empty();
            case LogicalMapKernel kernel -> OptionalLong.empty();
            case LogicalAggregate inner -> OptionalLong.empty();
        };
    }

    private static OptionalLong defined(String name, List<NamedExpr> columns, LogicalPlan input) {
        for (NamedExpr column : columns) {
            if (column.name().equals(name)) {
                return bound(column.expr(), input);
            }
        }
        return input == null ? OptionalLong.empty() : distinctValues(name, input);
    }

    private static OptionalLong bound(Expr expr, LogicalPlan input) {
        return switch (expr) {
            case Literal literal -> OptionalLong.of(1);
            case Column column -> input == null ? OptionalLong.empty() : distinctValues(column.name(), input);
            case Call call when call.function() == ScalarFunction.RANDOM_INT ->
                    call.arguments().getFirst() instanceof Literal m && m.value() instanceof Number count
                            && count.longValue() > 0 ? OptionalLong.of(count.longValue()) : OptionalLong.empty();
            case Call call when call.function().isGenerator() -> OptionalLong.empty();
            case Call call -> ofFunction(call, input);
        };
    }

    /**
     * A function of its arguments alone takes at most as many values as its argument
     * combinations, plus one for a null it may produce (1 + random_int(6, 1) ≤ 7).
     */
    private static OptionalLong ofFunction(Call call, LogicalPlan input) {
        long product = 1;
        for (Expr argument : call.arguments()) {
            OptionalLong bound = bound(argument, input);
            if (bound.isEmpty() || Math.multiplyHigh(product, bound.getAsLong()) != 0
                    || product * bound.getAsLong() == Long.MAX_VALUE) {
                return OptionalLong.empty();
            }
            product *= bound.getAsLong();
        }
        return OptionalLong.of(product + 1);
    }
}
