package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.Schema;
import java.util.List;

/** Orders rows by the keys, first key first; stable, so equal rows keep their input order. */
public record LogicalSort(LogicalPlan input, List<SortKey> keys) implements LogicalPlan {
    public LogicalSort {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new PlanException("sort: no key", "write sort {column} or sort {-column} for descending");
        }
        for (SortKey key : keys) {
            input.schema().require(key.column(), "sort");
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
        return new LogicalSort(inputs.get(0), keys);
    }
}
