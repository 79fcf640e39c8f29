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
 * {@code apply rows|columns of X ... into r: body} for one shard of rows or columns, in a
 * worker: X is read in place from its shared buffer, r[k] written into the shared output.
 */
record ApplyBodyKernel(VectorBody body, boolean columns, long rows, long columnCount, List<String> sideVectors)
        implements ShardKernel<Long> {
    static final String MATRIX = "apply.matrix";
    static final String INTO = "apply.into";
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public Long run(ShardContext context) {
        Map<String, double[]> side = new HashMap<>();
        for (String vector : sideVectors) {
            side.put(vector, FillKernel.read(context.input(vector, OutputBuffer.class)));
        }
        MemorySegment matrix = context.input(MATRIX, OutputBuffer.class).data();
        MemorySegment into = context.output(INTO, OutputBuffer.class).data();
        long start = context.shard().start();
        long end = context.shard().end();
        for (long index = start; index < end; index++) {
            long at = index;
            VectorBody.Slice slice = columns
                    ? new VectorBody.Slice() {
                        public long length() {
                            return rows;
                        }

                        public double get(long k) {
                            return matrix.getAtIndex(DOUBLE, at * rows + k);
                        }
                    }
                    : new VectorBody.Slice() {
                        public long length() {
                            return columnCount;
                        }

                        public double get(long k) {
                            return matrix.getAtIndex(DOUBLE, k * rows + at);
                        }
                    };
            into.setAtIndex(DOUBLE, index, body.of(slice, side));
        }
        return end - start;
    }
}
