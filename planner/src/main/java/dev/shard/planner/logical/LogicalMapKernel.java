package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code map kernel "<class>" {params}}: a named kernel class run over each shard's
 * rows, with typed parameters (Long, Double, Boolean, String) and the output schema it
 * declares. {@code footprintBytesPerRow} is the private memory it needs per input row
 * (the tuner's amplification for this operator).
 */
public record LogicalMapKernel(LogicalPlan input, String kernelClass, Map<String, Serializable> parameters,
        Schema outputSchema, double footprintBytesPerRow) implements LogicalPlan {
    public LogicalMapKernel {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (kernelClass == null || kernelClass.isBlank()) {
            throw new PlanException("map kernel: no class name", "write map kernel \"com.example.MyKernel\" {}");
        }
        if (outputSchema.size() == 0) {
            throw new PlanException("map kernel " + kernelClass + ": it declares no output columns",
                    "its outputSchema(...) must name at least one column");
        }
    }

    @Override
    public Schema schema() {
        return outputSchema;
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        Inputs.requireCount(this, inputs, 1);
        return new LogicalMapKernel(inputs.get(0), kernelClass, parameters, outputSchema, footprintBytesPerRow);
    }
}
