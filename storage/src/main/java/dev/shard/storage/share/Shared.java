package dev.shard.storage.share;

import dev.shard.storage.StorageException;
import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Entry points of the shared-data layer: {@code share} (into a segment, once),
 * {@code allocate} (fill in place), {@code fetch} / {@code materialize} (explicit,
 * counted copies back into the heap), {@code isShared} and {@code sharedInfo}.
 * Everything goes through {@link SegmentStore#shared()} with {@link Backing#AUTO}
 * unless a backing is given.
 */
public final class Shared {
    private Shared() {
    }

    public static SharedInput share(double[] values) {
        return share(values, Backing.AUTO);
    }

    public static SharedInput share(double[] values, Backing backing) {
        return copyIn(ElementType.DOUBLE, new long[] {values.length}, backing, MemorySegment.ofArray(values));
    }

    public static SharedInput share(int[] values) {
        return share(values, Backing.AUTO);
    }

    public static SharedInput share(int[] values, Backing backing) {
        return copyIn(ElementType.INT, new long[] {values.length}, backing, MemorySegment.ofArray(values));
    }

    public static SharedInput share(long[] values) {
        return share(values, Backing.AUTO);
    }

    public static SharedInput share(long[] values, Backing backing) {
        return copyIn(ElementType.LONG, new long[] {values.length}, backing, MemorySegment.ofArray(values));
    }

    /** Logical values, one byte each (0 false, 1 true). */
    public static SharedInput share(boolean[] values) {
        return share(values, Backing.AUTO);
    }

    public static SharedInput share(boolean[] values, Backing backing) {
        try (SharedWriter writer = allocate(ElementType.LOGICAL, values.length, backing)) {
            MemorySegment memory = writer.memory();
            for (int i = 0; i < values.length; i++) {
                memory.set(ValueLayout.JAVA_BYTE, i, (byte) (values[i] ? 1 : 0));
            }
            return writer.publish();
        }
    }

    public static SharedInput share(byte[] values) {
        return share(values, Backing.AUTO);
    }

    public static SharedInput share(byte[] values, Backing backing) {
        return copyIn(ElementType.RAW, new long[] {values.length}, backing, MemorySegment.ofArray(values));
    }

    /** A {@code rows x columns} matrix from its column-major elements. */
    public static SharedInput shareMatrix(double[] columnMajor, long rows, long columns) {
        return shareMatrix(columnMajor, rows, columns, Backing.AUTO);
    }

    public static SharedInput shareMatrix(double[] columnMajor, long rows, long columns, Backing backing) {
        if (rows < 0 || columns < 0 || rows * columns != columnMajor.length) {
            throw new StorageException("a " + rows + " x " + columns + " matrix needs " + rows * columns
                    + " values, got " + columnMajor.length + " (pass the elements column by column)");
        }
        return copyIn(ElementType.DOUBLE, new long[] {rows, columns}, backing, MemorySegment.ofArray(columnMajor));
    }

    /** A matrix from Java rows ({@code values[row][column]}); stored column-major. */
    public static SharedInput shareMatrix(double[][] values) {
        int rows = values.length;
        int columns = rows == 0 ? 0 : values[0].length;
        try (SharedWriter writer = allocateMatrix(rows, columns, Backing.AUTO)) {
            for (int row = 0; row < rows; row++) {
                if (values[row].length != columns) {
                    throw new StorageException("row " + row + " has " + values[row].length + " values, row 0 has "
                            + columns + " (a matrix needs rows of equal length)");
                }
                for (int column = 0; column < columns; column++) {
                    writer.setDouble(row, column, values[row][column]);
                }
            }
            return writer.publish();
        }
    }

    /** A zero-filled shared vector to fill in place, then {@link SharedWriter#publish()}. */
    public static SharedWriter allocate(ElementType type, long length, Backing backing) {
        return SharedWriter.allocate(type, new long[] {length}, backing, SegmentStore.shared());
    }

    /** A zero-filled {@code rows x columns} double matrix to fill in place (column by column is fastest). */
    public static SharedWriter allocateMatrix(long rows, long columns, Backing backing) {
        return SharedWriter.allocate(ElementType.DOUBLE, new long[] {rows, columns}, backing, SegmentStore.shared());
    }

    /**
     * Copies shared data into the heap: a {@link SharedHandle} (opened and closed here), a
     * {@link SharedArray} view or a {@link SharedInput}. Returns {@code double[]},
     * {@code int[]}, {@code long[]}, {@code boolean[]} or {@code byte[]}; a matrix comes back
     * column-major. Counted by {@link CopyLedger} as "fetch".
     */
    public static Object fetch(Object shared) {
        return switch (shared) {
            case SharedHandle handle -> {
                try (SharedArray view = handle.open()) {
                    yield copy(view, "fetch");
                }
            }
            case SharedInput input -> {
                try (SharedArray view = input.open()) {
                    yield copy(view, "fetch");
                }
            }
            case SharedArray view -> copy(view, "fetch");
            default -> throw notShared(shared, "fetch");
        };
    }

    /** Copies an open view into the heap (see {@link #fetch(Object)}); counted as "materialize". */
    public static Object materialize(Object shared) {
        if (shared instanceof SharedArray view) {
            return copy(view, "materialize");
        }
        if (shared instanceof SharedInput || shared instanceof SharedHandle) {
            return fetch(shared);
        }
        throw notShared(shared, "materialize");
    }

    /** True for our shared views, owners and handles; false for anything on the heap. */
    public static boolean isShared(Object candidate) {
        return candidate instanceof SharedView || candidate instanceof SharedHandle;
    }

    public static SharedInfo sharedInfo(Object shared) {
        return switch (shared) {
            case SharedView view -> view.sharedInfo();
            case SharedHandle handle -> handle.info();
            default -> throw notShared(shared, "describe");
        };
    }

    private static Object copy(SharedArray view, String what) {
        int count = view.copyLength(what);
        MemorySegment data = view.data;
        return switch (view.type()) {
            case DOUBLE -> data.asSlice(0, (long) count * Double.BYTES).toArray(SharedDoubleArray.LAYOUT);
            case INT -> data.asSlice(0, (long) count * Integer.BYTES).toArray(SharedIntArray.LAYOUT);
            case LONG -> data.asSlice(0, (long) count * Long.BYTES).toArray(SharedLongArray.LAYOUT);
            case RAW -> data.asSlice(0, count).toArray(ValueLayout.JAVA_BYTE);
            case LOGICAL -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = data.get(ValueLayout.JAVA_BYTE, i) != 0;
                }
                yield values;
            }
        };
    }

    private static SharedInput copyIn(ElementType type, long[] shape, Backing backing, MemorySegment source) {
        try (SharedWriter writer = SharedWriter.allocate(type, shape, backing, SegmentStore.shared())) {
            try {
                MemorySegment.copy(source, 0, writer.memory(), 0, source.byteSize());
            } catch (InternalError e) {
                throw writer.fault(e, "copy " + source.byteSize() + " bytes in", 0);
            }
            return writer.publish();
        }
    }

    private static StorageException notShared(Object value, String what) {
        String kind = value == null ? "null" : value.getClass().getSimpleName();
        return new StorageException("cannot " + what + " a " + kind + ": it is not shared data"
                + " (share it first with Shared.share(...), or pass a SharedHandle, SharedInput or open view)");
    }
}
