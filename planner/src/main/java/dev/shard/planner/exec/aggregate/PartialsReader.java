package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.type.DataType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@link PackedPartials}' layout front to back. Values are copied out in bulk
 * (MemorySegment.copy), not a view buffer per column: a shard's partials hold a few hundred
 * columns, and the driver reads them while the next shard's arrive.
 */
final class PartialsReader {
    private static final DataType[] TYPES = DataType.values();
    private final MemorySegment segment;
    private long position;

    PartialsReader(byte[] bytes) {
        this.segment = MemorySegment.ofArray(bytes);
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

    BatchColumn column() {
        DataType type = TYPES[getByte()];
        int flags = getByte();
        int rows = getInt();
        BatchColumn column = new BatchColumn(type, rows);
        if ((flags & PackedPartials.HAS_NULLS) != 0) {
            for (int r = 0; r < rows; r++) {
                column.nulls[r] = getByte() != 0;
            }
            column.hasNulls = true;
        }
        switch (type) {
            case INT -> {
                if ((flags & PackedPartials.NARROW) != 0) {
                    long[] values = column.longs;
                    for (int r = 0; r < rows; r++) {
                        values[r] = segment.get(PackedPartials.INT, position + (long) r * Integer.BYTES);
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
