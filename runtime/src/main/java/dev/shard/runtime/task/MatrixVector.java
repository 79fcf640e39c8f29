package dev.shard.runtime.task;

import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.share.SharedMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * One row or column of a shared matrix, read in place (no copy). A column is contiguous
 * in the column-major matrix: it is read through one read-only slice ({@link #column()}),
 * without the per-cell checks of {@link SharedMatrix#get}. {@link #toArray()} is an
 * explicit, counted copy.
 */
public final class MatrixVector {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final SharedMatrix matrix;
    private final Margin margin;
    private final long index;
    /** The column's elements; null for a row (strided, not contiguous). */
    private final MemorySegment column;

    public MatrixVector(SharedMatrix matrix, Margin margin, long index) {
        this.matrix = matrix;
        this.margin = margin;
        this.index = index;
        this.column = margin == Margin.COLUMNS ? matrix.column(index) : null;
    }

    /** The row or column number. */
    public long index() {
        return index;
    }

    public Margin margin() {
        return margin;
    }

    /** Elements in this vector: the column count for a row, the row count for a column. */
    public long length() {
        return margin == Margin.ROWS ? matrix.columns() : matrix.rows();
    }

    /** The k-th element: cell (index, k) of a row, cell (k, index) of a column. */
    public double get(long k) {
        if (column == null) {
            return matrix.get(index, k);
        }
        if (k < 0 || k >= matrix.rows()) {
            throw new IndexOutOfBoundsException("element " + k + " is out of bounds for column " + index + " of "
                    + matrix.rows() + " rows (0.." + (matrix.rows() - 1) + ")");
        }
        return column.getAtIndex(DOUBLE, k);
    }

    /**
     * This column's elements as a read-only memory segment of {@code length()} little-endian
     * doubles, for tight loops ({@code segment.getAtIndex(layout, k)}); no copy.
     *
     * @throws UnsupportedOperationException for a row, whose elements are not contiguous
     */
    public MemorySegment column() {
        if (column == null) {
            throw new UnsupportedOperationException("row " + index + " of a column-major matrix is not contiguous:"
                    + " read it with get(k), or apply over Margin.COLUMNS");
        }
        return column;
    }

    /**
     * The sum of the elements. A column is summed in four interleaved partial sums, so the
     * last bits may differ from a left-to-right loop.
     */
    public double sum() {
        if (column == null) {
            double total = 0;
            long length = length();
            for (long k = 0; k < length; k++) {
                total += matrix.get(index, k);
            }
            return total;
        }
        // Four independent sums: HotSpot does not vectorise a floating-point reduction, so one
        // running sum is bound by the add latency instead of memory bandwidth.
        MemorySegment elements = column;
        long length = elements.byteSize() / Double.BYTES;
        double first = 0;
        double second = 0;
        double third = 0;
        double fourth = 0;
        long k = 0;
        for (; k + 3 < length; k += 4) {
            first += elements.getAtIndex(DOUBLE, k);
            second += elements.getAtIndex(DOUBLE, k + 1);
            third += elements.getAtIndex(DOUBLE, k + 2);
            fourth += elements.getAtIndex(DOUBLE, k + 3);
        }
        for (; k < length; k++) {
            first += elements.getAtIndex(DOUBLE, k);
        }
        return (first + second) + (third + fourth);
    }

    /** The elements copied into the heap; counted in the copy ledger. */
    public double[] toArray() {
        long length = length();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a " + (margin == Margin.ROWS ? "row" : "column") + " of " + length
                    + " elements does not fit a Java array; read it with get(k)");
        }
        double[] copy;
        if (column != null) {
            copy = column.toArray(DOUBLE);
        } else {
            copy = new double[(int) length];
            for (int k = 0; k < copy.length; k++) {
                copy[k] = matrix.get(index, k);
            }
        }
        CopyLedger.record("vectorToArray", copy.length * (long) Double.BYTES);
        return copy;
    }

    /** The shared matrix this vector belongs to. */
    public SharedMatrix matrix() {
        return matrix;
    }
}
