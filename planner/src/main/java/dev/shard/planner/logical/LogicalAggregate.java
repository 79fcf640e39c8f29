package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * One output row per distinct combination of {@code keys} (nulls form their own group;
 * no keys: one row over all input), with the key columns first, then the aggregates.
 */
public record LogicalAggregate(LogicalPlan input, List<String> keys, List<AggregateCall> aggregates)
        implements LogicalPlan {
    public LogicalAggregate {
        keys = List.copyOf(keys);
        aggregates = List.copyOf(aggregates);
        if (aggregates.isEmpty() && keys.isEmpty()) {
            throw new PlanException("aggregate: nothing to compute",
                    "name at least one aggregate, for example {rows = count()}");
        }
        schemaOf(input, keys, aggregates);
    }

    @Override
    public Schema schema() {
        return schemaOf(input, keys, aggregates);
    }

    private static Schema schemaOf(LogicalPlan input, List<String> keys, List<AggregateCall> aggregates) {
        Schema in = input.schema();
        List<Field> fields = new ArrayList<>();
        for (String key : keys) {
            fields.add(in.require(key, "group"));
        }
        for (AggregateCall aggregate : aggregates) {
            fields.add(aggregate.field(in));
        }
        return new Schema(fields);
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        Inputs.requireCount(this, inputs, 1);
        return new LogicalAggregate(inputs.get(0), keys, aggregates);
    }
}
