package dev.shard.dsl.run;

import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.storage.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills columns {@code [start, end)} of a column-major {@code rows × columns} double buffer
 * in a worker (a vector: elements {@code [start, end)}), straight into the shared segment.
 * The body runs vectorized when it can ({@code vectorized} is not null), else cell by cell.
 * Vectors the body indexes are run inputs, read in place.
 */
record FillKernel(VectorizedCell vectorized, CellProgram cell, long rows, boolean vector, List<String> vectors)
        implements ShardKernel<Long> {
    static final String TARGET = "fill.target";
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public Long run(ShardContext context) {
        Map<String, MemorySegment> values = new HashMap<>();
        for (String name : vectors) {
            OutputBuffer buffer = context.input(name, OutputBuffer.class);
            values.put(name, buffer.data().asSlice(0, buffer.length() * Double.BYTES));
        }
        MemorySegment data = context.output(TARGET, OutputBuffer.class).data();
        long start = context.shard().start();
        long end = context.shard().end();
        if (vectorized != null) {
            VectorizedCell.Filler filler = vectorized.filler(values);
            if (vector) {
                filler.fill(data, start, 0, start, end);
            } else {
                for (long j = start; j < end; j++) {
                    filler.fill(data, j * rows, j, 0, rows);
                }
            }
            return end - start;
        }
        Map<String, double[]> side = new HashMap<>();
        values.forEach((name, segment) -> side.put(name, segment.toArray(ValueLayout.JAVA_DOUBLE)));
        if (vector) {
            for (long i = start; i < end; i++) {
                data.setAtIndex(DOUBLE, i, cell.at(i, 0, side));
            }
            return end - start;
        }
        for (long j = start; j < end; j++) {
            long base = j * rows;
            for (long i = 0; i < rows; i++) {
                data.setAtIndex(DOUBLE, base + i, cell.at(i, j, side));
            }
        }
        return end - start;
    }
}
