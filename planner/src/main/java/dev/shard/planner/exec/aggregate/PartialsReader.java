package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.type.DataType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@link PackedPartials}' layout front to back. Values are copied out in bulk
 * (MemorySegment.copy), not a view buffer per column, into the columns of the block before
 * when they fit: a shard's partials hold a few hundred columns, and writing each into fresh
 * arrays cost more than the copy itself.
 */
final class PartialsReader {
    private static final DataType[] TYPES = DataType.values();
    private final MemorySegment segment;
    private long position;
    private int[] ints = new int[0];

    PartialsReader(byte[] bytes, int offset, int length) {
        this.segment = MemorySegment.ofArray(bytes).asSlice(offset, length);
    }

    byte getByte() {
        return segment.get(ValueLayout.JAVA_BYTE, position++);
    }

    int getInt() {
        int value = segment.get(PackedPartials.INT, position);
        position += Integer.BYTES;
        return value;
    }

    long getLong() {
        long value = segment.get(PackedPartials.LONG, position);
        position += Long.BYTES;
        return value;
    }

    private int[] ints(int rows) {
        if (ints.length < rows) {
            ints = new int[rows];
        }
        return ints;
    }

    /**
     * The next column, read into {@code reuse} when it has the same type and size (the same
     * column of the block before: its values are overwritten), else into a new one.
     */
    BatchColumn column(BatchColumn reuse) {
        DataType type = TYPES[getByte()];
        int flags = getByte();
        int rows = getInt();
        BatchColumn column = reuse != null && reuse.type() == type && reuse.capacity() == rows ? reuse
                : new BatchColumn(type, rows);
        column.hasNulls = (flags & PackedPartials.HAS_NULLS) != 0;
        if (column.hasNulls) {
            for (int r = 0; r < rows; r++) {
                column.nulls[r] = getByte() != 0;
            }
        }
        switch (type) {
            case INT -> {
                if ((flags & PackedPartials.NARROW) != 0) {
                    // A bulk copy, then a widening loop over the array: an element-wise read of
                    // the segment was most of the decoding.
                    int[] narrow = ints(rows);
                    MemorySegment.copy(segment, PackedPartials.INT, position, narrow, 0, rows);
                    long[] values = column.longs;
                    for (int r = 0; r < rows; r++) {
                        values[r] = narrow[r];
                    }
                    position += (long) rows * Integer.BYTES;
                } else {
                    MemorySegment.copy(segment, PackedPartials.LONG, position, column.longs, 0, rows);
                    position += (long) rows * Long.BYTES;
                }
            }
            case DOUBLE -> {
                MemorySegment.copy(segment, PackedPartials.DOUBLE, position, column.doubles, 0, rows);
                position += (long) rows * Double.BYTES;
            }
            case BOOL -> {
                for (int r = 0; r < rows; r++) {
                    column.booleans[r] = getByte() != 0;
                }
            }
            case STRING -> {
                for (int r = 0; r < rows; r++) {
                    int length = getInt();
                    byte[] utf8 = new byte[length];
                    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, utf8, 0, length);
                    position += length;
                    column.strings[r] = new String(utf8, StandardCharsets.UTF_8);
                }
            }
        }
        return column;
    }
}
