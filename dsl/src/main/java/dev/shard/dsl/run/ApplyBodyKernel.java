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
 * worker: a column of X is read in place from its shared buffer; a row (strided in the
 * column-major layout) is gathered into one reused array first, so every vector function
 * runs over contiguous doubles. r[k] is written into the shared output.
 */
record ApplyBodyKernel(VectorBody body, boolean columns, long rows, long columnCount, List<String> sideVectors)
        implements ShardKernel<Long> {
    static final String MATRIX = "apply.matrix";
    static final String INTO = "apply.into";
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public Long run(ShardContext context) {
        Map<String, MemorySegment> side = new HashMap<>();
        for (String vector : sideVectors) {
            OutputBuffer buffer = context.input(vector, OutputBuffer.class);
            side.put(vector, buffer.data().asSlice(0, buffer.length() * Double.BYTES));
        }
        MemorySegment matrix = context.input(MATRIX, OutputBuffer.class).data();
        MemorySegment into = context.output(INTO, OutputBuffer.class).data();
        long start = context.shard().start();
        long end = context.shard().end();
        long length = columns ? rows : columnCount;
        VectorBody.Bound bound = body.bind(side, length);
        if (columns) {
            long columnBytes = rows * Double.BYTES;
            for (long j = start; j < end; j++) {
                into.setAtIndex(DOUBLE, j, bound.of(matrix.asSlice(j * columnBytes, columnBytes)));
            }
            return end - start;
        }
        double[] row = new double[Math.toIntExact(columnCount)];
        MemorySegment gathered = MemorySegment.ofArray(row);
        for (long i = start; i < end; i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = matrix.getAtIndex(DOUBLE, j * rows + i);
            }
            into.setAtIndex(DOUBLE, i, bound.of(gathered));
        }
        return end - start;
    }
}
