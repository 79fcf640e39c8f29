package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.Schema;
import java.util.List;

/**
 * {@code shard rows n}: pins the rows per shard of the stage that reads this node's
 * input, overriding the tuner (explain says "pinned"). Passes rows through unchanged.
 */
public record LogicalShardRows(LogicalPlan input, long rowsPerShard) implements LogicalPlan {
    public LogicalShardRows {
        if (rowsPerShard <= 0) {
            throw new PlanException("shard rows: must be positive, got " + rowsPerShard, "write shard rows 1M");
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
        return new LogicalShardRows(inputs.get(0), rowsPerShard);
    }
}
