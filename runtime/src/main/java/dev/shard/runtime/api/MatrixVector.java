package dev.shard.runtime.api;

import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.share.SharedMatrix;

/**
 * One row or column of a shared matrix, read in place (no copy). {@link #toArray()} is
 * an explicit, counted copy.
 */
public final class MatrixVector {
    private final SharedMatrix matrix;
    private final Margin margin;
    private final long index;

    public MatrixVector(SharedMatrix matrix, Margin margin, long index) {
        this.matrix = matrix;
        this.margin = margin;
        this.index = index;
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
        return margin == Margin.ROWS ? matrix.get(index, k) : matrix.get(k, index);
    }

    public double sum() {
        double total = 0;
        long length = length();
        for (long k = 0; k < length; k++) {
            total += get(k);
        }
        return total;
    }

    /** The elements copied into the heap; counted in the copy ledger. */
    public double[] toArray() {
        long length = length();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a " + (margin == Margin.ROWS ? "row" : "column") + " of " + length
                    + " elements does not fit a Java array; read it with get(k)");
        }
        double[] copy = new double[(int) length];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = get(k);
        }
        CopyLedger.record("vectorToArray", copy.length * (long) Double.BYTES);
        return copy;
    }

    /** The shared matrix this vector belongs to. */
    public SharedMatrix matrix() {
        return matrix;
    }
}
