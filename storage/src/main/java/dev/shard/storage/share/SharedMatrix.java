package dev.shard.storage.share;

import dev.shard.storage.StorageException;
import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentBoundsException;
import java.lang.foreign.MemorySegment;

/**
 * A read-only dense matrix of doubles in column-major order (a column is contiguous),
 * of any size: element {@code (row, column)} is at {@code (column * rows + row) * 8}.
 */
public final class SharedMatrix extends SharedArray {
    private final long rows;
    private final long columns;

    SharedMatrix(SharedHandle handle, Segment segment) {
        super(handle, segment);
        long[] shape = handle.shape();
        this.rows = shape[0];
        this.columns = shape[1];
    }

    public long rows() {
        return rows;
    }

    public long columns() {
        return columns;
    }

    public double get(long row, long column) {
        checkCell(row, column);
        long index = column * rows + row;
        try {
            return data.get(SharedDoubleArray.LAYOUT, index * Double.BYTES);
        } catch (RuntimeException e) {
            throw failure(e, index);
        }
    }

    /** Column {@code j} as a read-only slice of {@code rows()} doubles, for tight loops. */
    public MemorySegment column(long column) {
        checkColumn(column);
        return memory().asSlice(column * rows * Double.BYTES, rows * Double.BYTES);
    }

    /** The whole matrix as a column-major {@code double[]}; counted as a copy. */
    @Override
    public double[] toArray() {
        int count = copyLength("toArray");
        double[] copy = new double[count];
        MemorySegment.copy(data, SharedDoubleArray.LAYOUT, 0, copy, 0, count);
        return copy;
    }

    /** Column {@code j} copied into the heap; counted as a copy. */
    public double[] columnToArray(long column) {
        MemorySegment slice = column(column);
        if (rows > Integer.MAX_VALUE - 8) {
            throw new StorageException("column " + column + " of " + handle().describe()
                    + " has more rows than a Java array holds; read it through column(j)");
        }
        CopyLedger.record("columnToArray", slice.byteSize());
        return slice.toArray(SharedDoubleArray.LAYOUT);
    }

    private void checkCell(long row, long column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new SegmentBoundsException("cell (" + row + ", " + column + ") is out of bounds for "
                    + handle().describe() + " (rows 0.." + (rows - 1) + ", columns 0.." + (columns - 1) + ")", null);
        }
    }

    private void checkColumn(long column) {
        if (column < 0 || column >= columns) {
            throw new SegmentBoundsException("column " + column + " is out of bounds for " + handle().describe()
                    + " (columns 0.." + (columns - 1) + ")", null);
        }
    }
}
