package dev.shard.examples.colcor;

import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.buffer.BufferReference;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The W1 data in shared memory, generated in place (X is never built on the heap): the
 * column-major matrix X, the vector y, and the output buffer r, one double per column,
 * NaN until written. X and y are shared buffers like the language's {@code matrix(n, p)}:
 * {@link #generate(Pool, int, int)} has the workers fill X's columns in parallel straight
 * into the segment ({@link ColumnGenerationKernel}), {@link #generate(int, int)} fills it
 * in this process. Closing it unlinks all three.
 */
public final class ColumnCorrelationData implements AutoCloseable {
    /** What {@link #clearCorrelations()} leaves in every r[j]: a NaN with all bits set. */
    private static final long UNWRITTEN_BITS = -1L;
    /** Columns the driver makes between two looks at the pool: ~10-20 ms each at 10,000 rows. */
    private static final int DRIVER_BLOCK_COLUMNS = 16;

    private final int rows;
    private final int columns;
    private final OutputBuffer matrix;
    private final OutputBuffer y;
    private final OutputBuffer correlations;

    private ColumnCorrelationData(int rows, int columns, OutputBuffer matrix, OutputBuffer y,
            OutputBuffer correlations) {
        this.rows = rows;
        this.columns = columns;
        this.matrix = matrix;
        this.y = y;
        this.correlations = correlations;
    }

    /** Creates X, y and r and fills X and y with the reference generator in this process. */
    public static ColumnCorrelationData generate(int rows, int columns) {
        ColumnCorrelationData data = allocate(rows, columns);
        try {
            ColumnCorrelationWorkload.fillColumns(data.matrix.data(), data.y.data(), rows, 0, columns);
            return data;
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Creates X, y and r and has the pool's workers fill X ({@link #generateColumns(Pool)}). */
    public static ColumnCorrelationData generate(Pool pool, int rows, int columns) {
        ColumnCorrelationData data = allocate(rows, columns);
        try {
            data.generateColumns(pool);
            return data;
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * Refuses, with the message {@link #allocate} would give, data that cannot fit in shared
     * memory (X decides), and allocates nothing: checked before any worker is started.
     */
    public static void ensureRoom(int rows, int columns) {
        OutputBuffer.ensureRoom(matrixSpec(rows, columns));
    }

    private static BufferSpec matrixSpec(int rows, int columns) {
        return BufferSpec.matrix(ElementType.DOUBLE, rows, columns);
    }

    /**
     * Creates X (zero), y (filled here: one column's worth) and r (unwritten). Cheap: the
     * driver can do it while a pool started with {@code startAsync()} comes up.
     */
    public static ColumnCorrelationData allocate(int rows, int columns) {
        List<AutoCloseable> created = new ArrayList<>();
        try {
            OutputBuffer matrix = OutputBuffer.create(matrixSpec(rows, columns));
            created.add(matrix);
            OutputBuffer y = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, rows));
            created.add(y);
            ColumnCorrelationWorkload.fillY(y.data(), rows);
            OutputBuffer correlations = OutputBuffer.create(
                    BufferSpec.vector(ElementType.DOUBLE, columns).withInit(Double.NaN));
            created.add(correlations);
            ColumnCorrelationData data = new ColumnCorrelationData(rows, columns, matrix, y, correlations);
            data.clearCorrelations();
            return data;
        } catch (RuntimeException e) {
            closeAll(created.reversed());
            throw e;
        }
    }

    /**
     * Fills X on the pool's workers, each shard its columns straight into the shared
     * segment; the values are the reference generator's, whoever writes them.
     */
    public Run<Long> generateColumns(Pool pool) {
        return generateColumns(pool, 0);
    }

    /**
     * Fills X with every core busy: while the workers of a pool started with
     * {@code startAsync()} are still starting, this thread makes columns from the first
     * one on, a block at a time; once they have connected, they make the rest in
     * parallel. Returns the workers' run, or null when this thread made every column.
     */
    public Run<Long> generateColumnsWhileStarting(Pool pool) {
        int made = 0;
        while (made < columns && !pool.startEnded()) {
            int end = Math.min(columns, made + DRIVER_BLOCK_COLUMNS);
            ColumnCorrelationWorkload.fillColumns(matrix.data(), y.data(), rows, made, end);
            made = end;
        }
        return made == columns ? null : generateColumns(pool, made);
    }

    private Run<Long> generateColumns(Pool pool, int firstColumn) {
        int count = columns - firstColumn;
        Run<Long> run = pool.shardMap(Shards.auto(count, pool.status().workers().size()),
                new ColumnGenerationKernel(rows, columns, firstColumn),
                RunOptions.none().withInput(ColumnGenerationKernel.Y, y.reference())
                        .withOutput(ColumnGenerationKernel.TARGET, matrix.reference()));
        // results() throws a RunFailedException naming the failed shard, its worker and cause.
        long filled = run.results().stream().mapToLong(Long::longValue).sum();
        if (filled != count) {
            throw new IllegalStateException("the workers generated " + filled + " columns of X, expected " + count);
        }
        return run;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** X in this process (the baselines read it here). */
    public MemorySegment matrixElements() {
        return matrix.data();
    }

    public MemorySegment yElements() {
        return y.data();
    }

    public MemorySegment correlationElements() {
        return correlations.data();
    }

    public BufferReference matrixReference() {
        return matrix.reference();
    }

    public BufferReference yReference() {
        return y.reference();
    }

    public BufferReference correlationReference() {
        return correlations.reference();
    }

    /** Bytes of data in shared memory: X, y and r. */
    public long sharedBytes() {
        return matrix.data().byteSize() + y.data().byteSize() + correlations.data().byteSize();
    }

    /**
     * Sets every r[j] to NaN (all bits set), so a column no worker wrote turns the
     * checksum into NaN instead of passing on a stale value.
     */
    public void clearCorrelations() {
        correlationElements().fill((byte) 0xFF);
    }

    /**
     * The first column whose r still holds the all-bits-set marker of
     * {@link #clearCorrelations()}, or -1 when every column was written. A computed NaN
     * (a constant column) has other bits, so it does not count as unwritten.
     */
    public long firstUnwrittenColumn() {
        MemorySegment r = correlationElements();
        for (long j = 0; j < columns; j++) {
            if (r.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, j) == UNWRITTEN_BITS) {
                return j;
            }
        }
        return -1;
    }

    /** The sum of r over all columns, read from the output buffer in column order. */
    public double checksum() {
        MemorySegment r = correlationElements();
        double sum = 0;
        for (long j = 0; j < columns; j++) {
            sum += r.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, j);
        }
        return sum;
    }

    @Override
    public void close() {
        closeAll(List.of(correlations, y, matrix));
    }

    private static void closeAll(List<AutoCloseable> resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot release the colcor data: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
