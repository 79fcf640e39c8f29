package dev.shard.examples.colcor;

import dev.shard.dsl.vector.ColumnCorrelation;
import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.storage.buffer.OutputBuffer;
import java.io.Serial;
import java.lang.foreign.MemorySegment;

/**
 * The colcor task in a worker: correlates the shard's columns of the borrowed X with
 * the borrowed y and writes each r[j] into the shared output buffer. Each column's r
 * lands in its own slot, so a re-run shard rewrites the same values: exactly once.
 * Returns the number of columns it computed.
 */
public final class ColumnShardKernel implements ShardKernel<Integer> {
    public static final String MATRIX = "x";
    public static final String Y = "y";
    public static final String CORRELATIONS = "r";
    /**
     * Declared, so that neither the driver nor a worker computes the default one: that hashes
     * the class with SHA-1, which sets up the JDK's security providers, 30-150 ms on a fresh
     * JVM's first run (see ShardKernel).
     */
    @Serial
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int columns;
    /** Per worker: this instance is deserialized at most once per worker per run, and an identical next run may reuse it with the same views. */
    private transient volatile Prepared prepared;

    public ColumnShardKernel(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
    }

    private record Prepared(MemorySegment matrix, ColumnCorrelation kernel, MemorySegment output) {
    }

    @Override
    public Integer run(ShardContext context) {
        Prepared ready = prepare(context);
        Shard shard = context.shard();
        if (shard.indices() == null && shard.step() == 1 && !shard.isTile()) {
            ready.kernel().correlate(ready.matrix(), shard.start(), shard.end(), ready.output());
        } else {
            shard.forEach(j -> ready.kernel().correlate(ready.matrix(), j, j + 1, ready.output()));
        }
        return Math.toIntExact(shard.size());
    }

    private Prepared prepare(ShardContext context) {
        Prepared ready = prepared;
        if (ready == null) {
            // Two threads may both prepare on first use; both results are identical.
            OutputBuffer matrix = context.input(MATRIX, OutputBuffer.class);
            OutputBuffer y = context.input(Y, OutputBuffer.class);
            OutputBuffer output = context.output(CORRELATIONS, OutputBuffer.class);
            if (matrix.rows() != rows || matrix.columns() != columns || y.length() != rows
                    || output.length() != columns) {
                throw new IllegalStateException("colcor expects X " + rows + " x " + columns + ", y of " + rows
                        + " and r of " + columns + "; got X " + matrix.rows() + " x " + matrix.columns()
                        + ", y of " + y.length() + ", r of " + output.length());
            }
            ready = new Prepared(matrix.data(), new ColumnCorrelation(y.data(), rows), output.data());
            prepared = ready;
        }
        return ready;
    }
}
