package dev.shard.dsl.api;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;

/** An aggregate of the fluent API; named {@code <column>_<function>} unless renamed with {@link #as}. */
public record Aggregation(String name, AggregateFunction function, Expr argument) {
    static Aggregation of(AggregateFunction function, String column) {
        return new Aggregation(column + "_" + function.displayName(), function, new Column(column));
    }

    public Aggregation as(String newName) {
        return new Aggregation(newName, function, argument);
    }

    AggregateCall call() {
        return new AggregateCall(name, function, argument);
    }
}
