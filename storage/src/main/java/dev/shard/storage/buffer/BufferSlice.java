package dev.shard.storage.buffer;

import java.util.Arrays;

/**
 * A part of an output buffer to read or write, in elements. Matrix slices
 * ({@link #column}, {@link #rows}, {@link #block}, ...) need a rank-2 buffer; a
 * {@link Box} is their N-d form. Values travel in column-major order (the first
 * dimension of the slice varies fastest), the same order as the buffer itself.
 */
public sealed interface BufferSlice {

    /** Elements {@code [start, start + count)} in storage (column-major) order. */
    record Range(long start, long count) implements BufferSlice {
    }

    /** The listed elements, in the given order (repeats allowed; for writes the last one wins). */
    record Indices(long[] indices) implements BufferSlice {
        public Indices {
            indices = indices.clone();
        }

        @Override
        public long[] indices() {
            return indices.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Indices that && Arrays.equals(indices, that.indices);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(indices);
        }

        @Override
        public String toString() {
            return "Indices[" + indices.length + " elements]";
        }
    }

    /** Matrix columns {@code [first, first + count)}: one contiguous run. */
    record Columns(long first, long count) implements BufferSlice {
    }

    /** Matrix rows {@code [first, first + count)}: one short run per column. */
    record Rows(long first, long count) implements BufferSlice {
    }

    /** A {@code rows x columns} matrix block whose top-left element is ({@code rowStart}, {@code columnStart}). */
    record Block(long rowStart, long columnStart, long rows, long columns) implements BufferSlice {
    }

    /** An N-d box: {@code shape[d]} elements from {@code origin[d]} along each dimension d. */
    record Box(long[] origin, long[] shape) implements BufferSlice {
        public Box {
            if (origin.length != shape.length) {
                throw new IllegalArgumentException("a box needs as many origins as shape entries, got "
                        + origin.length + " and " + shape.length);
            }
            origin = origin.clone();
            shape = shape.clone();
        }

        @Override
        public long[] origin() {
            return origin.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Box that && Arrays.equals(origin, that.origin) && Arrays.equals(shape, that.shape);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(origin) + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "Box[origin=" + Arrays.toString(origin) + ", shape=" + Arrays.toString(shape) + "]";
        }
    }

    /** Every element. */
    record All() implements BufferSlice {
    }

    static BufferSlice all() {
        return new All();
    }

    static BufferSlice range(long start, long count) {
        return new Range(start, count);
    }

    static BufferSlice indices(long... indices) {
        return new Indices(indices);
    }

    static BufferSlice column(long column) {
        return new Columns(column, 1);
    }

    static BufferSlice columns(long first, long count) {
        return new Columns(first, count);
    }

    static BufferSlice row(long row) {
        return new Rows(row, 1);
    }

    static BufferSlice rows(long first, long count) {
        return new Rows(first, count);
    }

    static BufferSlice block(long rowStart, long columnStart, long rows, long columns) {
        return new Block(rowStart, columnStart, rows, columns);
    }

    static BufferSlice box(long[] origin, long[] shape) {
        return new Box(origin, shape);
    }
}
