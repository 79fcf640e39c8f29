package dev.shard.storage.share;

import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A read-only shared vector of raw (byte) values. */
public final class SharedRawArray extends SharedArray {
    static final ValueLayout.OfByte LAYOUT = ValueLayout.JAVA_BYTE;

    SharedRawArray(SharedHandle handle, Segment segment) {
        super(handle, segment);
    }

    public byte get(long index) {
        long offset = byteOffset(index);
        try {
            return data.get(LAYOUT, offset);
        } catch (RuntimeException e) {
            throw failure(e, index);
        }
    }

    @Override
    public byte[] toArray() {
        int count = copyLength("toArray");
        byte[] copy = new byte[count];
        MemorySegment.copy(data, LAYOUT, 0, copy, 0, count);
        return copy;
    }
}
