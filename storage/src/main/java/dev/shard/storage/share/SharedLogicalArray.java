package dev.shard.storage.share;

import dev.shard.storage.segment.Segment;
import java.lang.foreign.ValueLayout;

/** A read-only shared vector of logical (one byte per value, 0 false, 1 true) values. */
public final class SharedLogicalArray extends SharedArray {
    static final ValueLayout.OfByte LAYOUT = ValueLayout.JAVA_BYTE;

    SharedLogicalArray(SharedHandle handle, Segment segment) {
        super(handle, segment);
    }

    public boolean get(long index) {
        long offset = byteOffset(index);
        try {
            return data.get(LAYOUT, offset) != 0;
        } catch (RuntimeException e) {
            throw failure(e, index);
        }
    }

    @Override
    public boolean[] toArray() {
        int count = copyLength("toArray");
        boolean[] copy = new boolean[count];
        for (int i = 0; i < count; i++) {
            copy[i] = data.get(LAYOUT, i) != 0;
        }
        return copy;
    }
}
