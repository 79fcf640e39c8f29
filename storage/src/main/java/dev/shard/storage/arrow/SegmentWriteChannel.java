package dev.shard.storage.arrow;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Arrow's writers speak {@link WritableByteChannel}; this one writes straight into a
 * segment, or only counts when there is none (to size the segment before creating it).
 */
final class SegmentWriteChannel implements WritableByteChannel {
    private final MemorySegment target;
    private long position;
    private boolean open = true;

    private SegmentWriteChannel(MemorySegment target) {
        this.target = target;
    }

    static SegmentWriteChannel counting() {
        return new SegmentWriteChannel(null);
    }

    static SegmentWriteChannel into(MemorySegment target) {
        return new SegmentWriteChannel(target);
    }

    long position() {
        return position;
    }

    @Override
    public int write(ByteBuffer source) {
        int length = source.remaining();
        if (target != null) {
            MemorySegment.copy(MemorySegment.ofBuffer(source), 0, target, position, length);
        }
        source.position(source.limit());
        position += length;
        return length;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
