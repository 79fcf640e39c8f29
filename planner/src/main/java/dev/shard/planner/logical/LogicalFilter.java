package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.List;

/** Keeps the rows where {@code predicate} is true (not false, not null). */
public record LogicalFilter(LogicalPlan input, Expr predicate) implements LogicalPlan {
    public LogicalFilter {
        DataType type = predicate.type(input.schema());
        if (type != DataType.BOOL) {
            throw new PlanException("filter: `" + predicate.render() + "` is " + type.displayName()
                    + ", not a condition", "compare it, for example `" + predicate.render() + " > 0`");
        }
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        Inputs.requireCount(this, inputs, 1);
        return new LogicalFilter(inputs.get(0), predicate);
    }
}
