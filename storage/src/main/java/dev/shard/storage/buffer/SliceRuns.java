package dev.shard.storage.buffer;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.SegmentBoundsException;

/**
 * A {@link BufferSlice} resolved against a buffer's dims: bounds checked once, then
 * walked as runs of consecutive elements so that each run is one bulk copy.
 */
final class SliceRuns {
    /** One run: {@code length} elements from buffer element {@code element}, slice position {@code position}. */
    interface RunVisitor {
        void visit(long element, long position, long length);
    }

    private final long count;
    private final long[] indices;
    private final long[] dims;
    private final long[] origin;
    private final long[] shape;

    private SliceRuns(long count, long[] indices, long[] dims, long[] origin, long[] shape) {
        this.count = count;
        this.indices = indices;
        this.dims = dims;
        this.origin = origin;
        this.shape = shape;
    }

    /** Number of elements in the slice. */
    long count() {
        return count;
    }

    static SliceRuns resolve(BufferSlice slice, long[] dims, String buffer) {
        long length = product(dims);
        return switch (slice) {
            case BufferSlice.All all -> box(new long[dims.length], dims, dims, buffer);
            case BufferSlice.Range range -> range(range, length, buffer);
            case BufferSlice.Indices list -> indices(list.indices(), length, buffer);
            case BufferSlice.Columns columns -> box(new long[] {0, columns.first()},
                    new long[] {matrix(dims, "column", buffer)[0], columns.count()}, dims, buffer);
            case BufferSlice.Rows rows -> box(new long[] {rows.first(), 0},
                    new long[] {rows.count(), matrix(dims, "row", buffer)[1]}, dims, buffer);
            case BufferSlice.Block block -> box(new long[] {block.rowStart(), block.columnStart()},
                    new long[] {block.rows(), block.columns()}, matrix(dims, "block", buffer), buffer);
            case BufferSlice.Box box -> box(box.origin(), box.shape(), dims, buffer);
        };
    }

    void forEach(RunVisitor visitor) {
        if (count == 0) {
            return;
        }
        if (indices != null) {
            forEachIndexRun(visitor);
        } else {
            forEachBoxRun(visitor);
        }
    }

    private void forEachIndexRun(RunVisitor visitor) {
        int at = 0;
        while (at < indices.length) {
            int end = at + 1;
            while (end < indices.length && indices[end] == indices[end - 1] + 1) {
                end++;
            }
            visitor.visit(indices[at], at, end - at);
            at = end;
        }
    }

    private void forEachBoxRun(RunVisitor visitor) {
        int rank = dims.length;
        long[] strides = new long[rank];
        long stride = 1;
        for (int d = 0; d < rank; d++) {
            strides[d] = stride;
            stride *= dims[d];
        }
        // Leading dimensions taken whole merge with the first partial one into a single run.
        int partial = 0;
        long runLength = 1;
        while (partial < rank && origin[partial] == 0 && shape[partial] == dims[partial]) {
            runLength *= dims[partial];
            partial++;
        }
        if (partial < rank) {
            runLength *= shape[partial];
        }
        long[] offsets = new long[rank];
        long position = 0;
        while (true) {
            long element = 0;
            for (int d = partial; d < rank; d++) {
                element += (origin[d] + offsets[d]) * strides[d];
            }
            visitor.visit(element, position, runLength);
            position += runLength;
            int d = partial + 1;
            while (d < rank && ++offsets[d] == shape[d]) {
                offsets[d] = 0;
                d++;
            }
            if (d >= rank) {
                return;
            }
        }
    }

    private static SliceRuns range(BufferSlice.Range range, long length, String buffer) {
        if (range.start() < 0 || range.count() < 0 || range.start() > length - range.count()) {
            throw new SegmentBoundsException("out of bounds: elements [" + range.start() + ", "
                    + (range.start() + range.count()) + ") of " + buffer + " (it has " + length
                    + " elements: " + validRange(length) + ")", null);
        }
        return new SliceRuns(range.count(), null, new long[] {length}, new long[] {range.start()},
                new long[] {range.count()});
    }

    private static SliceRuns indices(long[] indices, long length, String buffer) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= length) {
                throw new SegmentBoundsException("out of bounds: index " + indices[i] + " (at position " + i
                        + " of the index array) of " + buffer + " (it has " + length + " elements: "
                        + validRange(length) + ")", null);
            }
        }
        return new SliceRuns(indices.length, indices, null, null, null);
    }

    private static SliceRuns box(long[] origin, long[] shape, long[] dims, String buffer) {
        if (origin.length != dims.length) {
            throw new StorageException("a slice of rank " + origin.length + " does not fit " + buffer
                    + " (rank " + dims.length + "): give one origin and one extent per dimension");
        }
        for (int d = 0; d < dims.length; d++) {
            if (origin[d] < 0 || shape[d] < 0 || origin[d] > dims[d] - shape[d]) {
                throw new SegmentBoundsException("out of bounds: " + dimensionName(d, dims.length) + " ["
                        + origin[d] + ", " + (origin[d] + shape[d]) + ") of " + buffer + " (it has " + dims[d]
                        + " " + dimensionName(d, dims.length) + ": " + validRange(dims[d]) + ")", null);
            }
        }
        return new SliceRuns(product(shape), null, dims, origin, shape);
    }

    private static long[] matrix(long[] dims, String what, String buffer) {
        if (dims.length != 2) {
            throw new StorageException(what + " slices need a matrix (rank 2) buffer; " + buffer
                    + " has rank " + dims.length + " (use a range or a box slice)");
        }
        return dims;
    }

    static String dimensionName(int dimension, int rank) {
        if (rank == 2) {
            return dimension == 0 ? "rows" : "columns";
        }
        return rank == 1 ? "elements" : "indices of dim " + dimension;
    }

    private static String validRange(long length) {
        return length == 0 ? "none valid" : "0.." + (length - 1);
    }

    static long product(long[] values) {
        long product = 1;
        for (long value : values) {
            product *= value;
        }
        return product;
    }
}
