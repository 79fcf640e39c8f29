package dev.shard.examples.shared;

import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.MemorySegment;

/** Creates typed arrays in segments and finds their elements, through the array header. */
public final class SharedArrays {
    private SharedArrays() {
    }

    /**
     * Creates a zero-filled array segment with its header written; the caller owns it
     * and fills the elements through {@link #elements(Segment)}.
     */
    public static Segment create(ElementType type, ArrayDescriptor.Kind kind, long... dims) {
        ArrayDescriptor descriptor = new ArrayDescriptor(type, kind, dims);
        Segment segment = SegmentStore.shared().create(descriptor.segmentBytes(), Backing.AUTO);
        try {
            descriptor.write(segment);
            return segment;
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /** The elements of the array in {@code segment}, after checking its header. */
    public static MemorySegment elements(Segment segment) {
        ArrayDescriptor descriptor = ArrayDescriptor.read(segment);
        return segment.slice(descriptor.dataOffset(), descriptor.dataBytes());
    }

    /** Like {@link #elements(Segment)}, but also checks the element type and dimensions. */
    public static MemorySegment elements(Segment segment, ElementType type, long... dims) {
        ArrayDescriptor descriptor = ArrayDescriptor.read(segment);
        if (descriptor.type() != type || !java.util.Arrays.equals(descriptor.dims(), dims)) {
            throw new IllegalStateException("segment " + segment.path() + " holds " + descriptor
                    + " but " + type.displayName() + java.util.Arrays.toString(dims) + " was expected");
        }
        return segment.slice(descriptor.dataOffset(), descriptor.dataBytes());
    }
}
