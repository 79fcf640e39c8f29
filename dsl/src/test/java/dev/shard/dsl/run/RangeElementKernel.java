package dev.shard.dsl.run;

import dev.shard.runtime.task.ElementKernel;
import dev.shard.runtime.task.ShardContext;
import dev.shard.storage.buffer.OutputBuffer;
import java.io.Serializable;
import java.util.Map;

/**
 * A kernel for {@code apply each ... : kernel "dev.shard.dsl.run.RangeElementKernel" {scale = 2}}:
 * the range (max − min) of an element times {@code scale} (which must be positive), read in place
 * from its shared buffer.
 */
public record RangeElementKernel(double scale) implements ElementKernel<Double> {

    public RangeElementKernel(Map<String, Serializable> parameters) {
        this(((Number) parameters.getOrDefault("scale", 1.0)).doubleValue());
    }

    @Override
    public Double apply(Object element, int index, ShardContext context) {
        if (scale <= 0) {
            // Checked in the worker, so the tests see how a failing kernel is reported.
            throw new IllegalArgumentException("scale must be positive, but is " + scale);
        }
        OutputBuffer buffer = (OutputBuffer) element;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (long i = 0; i < buffer.length(); i++) {
            double value = buffer.getDouble(i);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return scale * (max - min);
    }
}
