package dev.shard.storage.share;

import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A read-only shared vector of long values. */
public final class SharedLongArray extends SharedArray {
    static final ValueLayout.OfLong LAYOUT = ValueLayout.JAVA_LONG.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    SharedLongArray(SharedHandle handle, Segment segment) {
        super(handle, segment);
    }

    public long get(long index) {
        long offset = byteOffset(index);
        try {
            return data.get(LAYOUT, offset);
        } catch (RuntimeException e) {
            throw failure(e, index);
        }
    }

    @Override
    public long[] toArray() {
        int count = copyLength("toArray");
        long[] copy = new long[count];
        MemorySegment.copy(data, LAYOUT, 0, copy, 0, count);
        return copy;
    }
}
