package dev.shard.dsl.run;

import dev.shard.runtime.task.ElementKernel;
import dev.shard.runtime.task.ShardContext;
import dev.shard.storage.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code apply each of parts ... : body} for one element, in a worker: the element's shared
 * buffer is read in place (a matrix as all its values, column by column), with the side
 * vectors it pairs with the element (cor, dot) bound once per element; those must have the
 * element's length, since they are read value by value alongside it.
 */
record ElementBodyKernel(VectorBody body, List<String> sideVectors) implements ElementKernel<Double> {

    /** The kernel of {@code body}, bound to the side vectors it pairs with the element (cor, dot) and no others. */
    static ElementBodyKernel of(VectorBody body) {
        List<String> paired = new ArrayList<>();
        collectPaired(body, paired);
        return new ElementBodyKernel(body, paired.stream().distinct().toList());
    }

    private static void collectPaired(VectorBody body, List<String> paired) {
        switch (body) {
            case VectorBody.Constant ignored -> {
            }
            case VectorBody.Binary binary -> {
                collectPaired(binary.left(), paired);
                collectPaired(binary.right(), paired);
            }
            case VectorBody.Statistic statistic -> {
                if (statistic.other() != null) {
                    paired.add(statistic.other());
                }
            }
        }
    }

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
