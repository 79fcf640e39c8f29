package dev.shard.planner.logical;

import dev.shard.planner.type.Schema;
import java.util.List;
import java.util.Objects;

/** Writes the input's rows, in order, to {@code target}; produces no rows itself. */
public record LogicalWrite(LogicalPlan input, WriteTarget target) implements LogicalPlan {
    public LogicalWrite {
        Objects.requireNonNull(target, "target");
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
        return new LogicalWrite(inputs.get(0), target);
    }
}
