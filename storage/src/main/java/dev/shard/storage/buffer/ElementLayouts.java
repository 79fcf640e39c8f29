package dev.shard.storage.buffer;

import dev.shard.storage.layout.ElementType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The value layouts of buffer elements (little-endian, as the array descriptor fixes) and the init fill. */
final class ElementLayouts {
    static final ValueLayout.OfDouble DOUBLE =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    /** Fill copies at most this much at a time so that the source stays in cache. */
    private static final long FILL_CHUNK_BYTES = 1 << 20;

    private ElementLayouts() {
    }

    static ValueLayout of(ElementType type) {
        return switch (type) {
            case DOUBLE -> DOUBLE;
            case INT -> INT;
            case LONG -> LONG;
            case LOGICAL, RAW -> BYTE;
        };
    }

    /** Writes {@code bits} (the element's little-endian bits) into every element of {@code data}. */
    static void fill(MemorySegment data, ElementType type, long bits) {
        long total = data.byteSize();
        if (total == 0) {
            return;
        }
        switch (type.bytes()) {
            case 1 -> {
                data.fill((byte) bits);
                return;
            }
            case 4 -> data.set(INT, 0, (int) bits);
            default -> data.set(LONG, 0, bits);
        }
        long filled = type.bytes();
        while (filled < total) {
            long chunk = Math.min(Math.min(filled, FILL_CHUNK_BYTES), total - filled);
            MemorySegment.copy(data, 0, data, filled, chunk);
            filled += chunk;
        }
    }
}
