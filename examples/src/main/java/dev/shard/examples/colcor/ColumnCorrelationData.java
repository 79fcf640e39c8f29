package dev.shard.examples.colcor;

import dev.shard.examples.shared.SegmentReference;
import dev.shard.examples.shared.SharedArrays;
import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The W1 data in shared segments, generated in place (X is never built on the heap):
 * the column-major matrix X, the vector y, and the output buffer r, one double per
 * column. Closing it unlinks all three segments.
 */
public final class ColumnCorrelationData implements AutoCloseable {
    private final int rows;
    private final int columns;
    private final Segment matrix;
    private final Segment y;
    private final Segment correlations;

    private ColumnCorrelationData(int rows, int columns, Segment matrix, Segment y, Segment correlations) {
        this.rows = rows;
        this.columns = columns;
        this.matrix = matrix;
        this.y = y;
        this.correlations = correlations;
    }

    /** Creates the segments and fills X and y with the reference generator. */
    public static ColumnCorrelationData generate(int rows, int columns) {
        Segment matrix = null;
        Segment y = null;
        Segment correlations = null;
        try {
            matrix = SharedArrays.create(ElementType.DOUBLE, ArrayDescriptor.Kind.SHARED_INPUT, rows, columns);
            y = SharedArrays.create(ElementType.DOUBLE, ArrayDescriptor.Kind.SHARED_INPUT, rows);
            correlations = SharedArrays.create(ElementType.DOUBLE, ArrayDescriptor.Kind.OUTPUT_BUFFER, columns);
            ColumnCorrelationWorkload.fillColumns(SharedArrays.elements(matrix), rows, 0, columns);
            ColumnCorrelationWorkload.fillY(SharedArrays.elements(y), rows);
            ColumnCorrelationData data = new ColumnCorrelationData(rows, columns, matrix, y, correlations);
            data.clearCorrelations();
            return data;
        } catch (RuntimeException e) {
            closeAll(correlations, y, matrix);
            throw e;
        }
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public MemorySegment matrixElements() {
        return SharedArrays.elements(matrix);
    }

    public MemorySegment yElements() {
        return SharedArrays.elements(y);
    }

    public MemorySegment correlationElements() {
        return SharedArrays.elements(correlations);
    }

    public SegmentReference matrixReference() {
        return SegmentReference.input(matrix);
    }

    public SegmentReference yReference() {
        return SegmentReference.input(y);
    }

    public SegmentReference correlationReference() {
        return SegmentReference.output(correlations);
    }

    /** Bytes in shared memory: X, y and r with their headers. */
    public long sharedBytes() {
        return matrix.size() + y.size() + correlations.size();
    }

    /**
     * Sets every r[j] to NaN (all bits set), so a column no worker wrote turns the
     * checksum into NaN instead of passing on a stale or zero value.
     */
    public void clearCorrelations() {
        correlationElements().fill((byte) 0xFF);
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
        closeAll(correlations, y, matrix);
    }

    private static void closeAll(Segment... segments) {
        for (Segment segment : segments) {
            if (segment != null) {
                segment.close();
            }
        }
    }
}
