package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.Schema;
import java.util.List;

/** The first {@code count} rows in the input's order. */
public record LogicalLimit(LogicalPlan input, long count) implements LogicalPlan {
    public LogicalLimit {
        if (count < 0) {
            throw new PlanException("take: the row count must not be negative, got " + count, "");
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
        return new LogicalLimit(inputs.get(0), count);
    }
}
