package dev.shard.examples.colcor;

import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.storage.buffer.BufferReference;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedArray;
import dev.shard.storage.share.SharedHandle;
import dev.shard.storage.share.SharedInput;
import dev.shard.storage.share.SharedWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The W1 data in shared memory, generated in place (X is never built on the heap): the
 * column-major shared matrix X, the shared vector y, and the output buffer r, one
 * double per column, NaN until written. Closing it unlinks all three.
 */
public final class ColumnCorrelationData implements AutoCloseable {
    /** What {@link #clearCorrelations()} leaves in every r[j]: a NaN with all bits set. */
    private static final long UNWRITTEN_BITS = -1L;

    private final int rows;
    private final int columns;
    private final SharedInput matrix;
    private final SharedInput y;
    private final OutputBuffer correlations;
    private final SharedArray matrixView;
    private final SharedArray yView;

    private ColumnCorrelationData(int rows, int columns, SharedInput matrix, SharedInput y,
            OutputBuffer correlations) {
        this.rows = rows;
        this.columns = columns;
        this.matrix = matrix;
        this.y = y;
        this.correlations = correlations;
        this.matrixView = matrix.open();
        this.yView = y.open();
    }

    /** Creates X, y and r and fills X and y with the reference generator. */
    public static ColumnCorrelationData generate(int rows, int columns) {
        List<AutoCloseable> created = new ArrayList<>();
        try {
            SharedInput matrix;
            try (SharedWriter writer = Shared.allocateMatrix(rows, columns, Backing.AUTO)) {
                ColumnCorrelationWorkload.fillColumns(writer.memory(), rows, 0, columns);
                matrix = writer.publish();
            }
            created.add(matrix);
            SharedInput y;
            try (SharedWriter writer = Shared.allocate(ElementType.DOUBLE, rows, Backing.AUTO)) {
                ColumnCorrelationWorkload.fillY(writer.memory(), rows);
                y = writer.publish();
            }
            created.add(y);
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

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** X as read-only memory in this process (the baselines read it here). */
    public MemorySegment matrixElements() {
        return matrixView.memory();
    }

    public MemorySegment yElements() {
        return yView.memory();
    }

    public MemorySegment correlationElements() {
        return correlations.data();
    }

    public SharedHandle matrixReference() {
        return matrix.handle();
    }

    public SharedHandle yReference() {
        return y.handle();
    }

    public BufferReference correlationReference() {
        return correlations.reference();
    }

    /** Bytes of data in shared memory: X, y and r. */
    public long sharedBytes() {
        return matrix.handle().length() + y.handle().length() + correlations.data().byteSize();
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
        closeAll(List.of(yView, matrixView, correlations, y, matrix));
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
