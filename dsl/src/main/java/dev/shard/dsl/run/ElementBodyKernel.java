package dev.shard.dsl.run;

import dev.shard.runtime.task.ElementKernel;
import dev.shard.runtime.task.ShardContext;
import dev.shard.storage.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code apply each of parts ... : body} for one element, in a worker: the element's shared
 * buffer is read in place (a matrix as all its values, column by column), with the side
 * vectors bound once per element since cor's mean and spread of y depend on nothing else.
 */
record ElementBodyKernel(VectorBody body, List<String> sideVectors) implements ElementKernel<Double> {

    @Override
    public Double apply(Object element, int index, ShardContext context) {
        OutputBuffer buffer = (OutputBuffer) element;
        long length = buffer.length();
        Map<String, MemorySegment> side = new HashMap<>();
        for (String vector : sideVectors) {
            OutputBuffer shared = context.input(vector, OutputBuffer.class);
            if (shared.length() != length) {
                throw new IllegalArgumentException("element " + index + " holds " + length + " values but `" + vector
                        + "` holds " + shared.length() + "; the body pairs them value by value");
            }
            side.put(vector, shared.data().asSlice(0, shared.length() * Double.BYTES));
        }
        return body.bind(side, length).of(buffer.data().asSlice(0, length * Double.BYTES));
    }
}
