package dev.shard.dsl.run;

import dev.shard.runtime.task.ShardContext;
import dev.shard.storage.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills columns {@code [start, end)} of a column-major {@code rows × columns} double buffer
 * in a worker (a vector: elements {@code [start, end)}), straight into the shared segment. Vectors the cell
 * body indexes are run inputs, read in place.
 */
record FillKernel(CellProgram cell, long rows, boolean vector, List<String> vectors) implements dev.shard.runtime.task.ShardKernel<Long> {
    static final String TARGET = "fill.target";
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public Long run(ShardContext context) {
        Map<String, double[]> side = new HashMap<>();
        for (String vector : vectors) {
            side.put(vector, read(context.input(vector, OutputBuffer.class)));
        }
        MemorySegment data = context.output(TARGET, OutputBuffer.class).data();
        long start = context.shard().start();
        long end = context.shard().end();
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

    /** A side vector as an array for indexing; small next to the matrix it helps fill. */
    static double[] read(OutputBuffer vector) {
        return vector.data().asSlice(0, vector.length() * Double.BYTES).toArray(ValueLayout.JAVA_DOUBLE);
    }
}
