package dev.shard.storage.share;

import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A read-only shared vector of int values. */
public final class SharedIntArray extends SharedArray {
    static final ValueLayout.OfInt LAYOUT = ValueLayout.JAVA_INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    SharedIntArray(SharedHandle handle, Segment segment) {
        super(handle, segment);
    }

    public int get(long index) {
        long offset = byteOffset(index);
        try {
            return data.get(LAYOUT, offset);
        } catch (RuntimeException e) {
            throw failure(e, index);
        }
    }

    @Override
    public int[] toArray() {
        int count = copyLength("toArray");
        int[] copy = new int[count];
        MemorySegment.copy(data, LAYOUT, 0, copy, 0, count);
        return copy;
    }
}
