package dev.shard.storage.share;

import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A read-only shared vector of double values. */
public final class SharedDoubleArray extends SharedArray {
    static final ValueLayout.OfDouble LAYOUT = ValueLayout.JAVA_DOUBLE.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    SharedDoubleArray(SharedHandle handle, Segment segment) {
        super(handle, segment);
    }

    public double get(long index) {
        long offset = byteOffset(index);
        try {
            return data.get(LAYOUT, offset);
        } catch (RuntimeException e) {
            throw failure(e, index);
        }
    }

    @Override
    public double[] toArray() {
        int count = copyLength("toArray");
        double[] copy = new double[count];
        MemorySegment.copy(data, LAYOUT, 0, copy, 0, count);
        return copy;
    }
}
