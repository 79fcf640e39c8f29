package dev.shard.storage.arrow;

import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Arrow's writers speak {@link WritableByteChannel}; this one writes straight into a
 * segment, or only counts when there is none (to size the segment before creating it).
 *
 * <p>A copy into a page with no storage behind it (a truncated file, a file system that
 * ran out of space under a segment that could not be reserved) is a SIGBUS, which the
 * JVM raises as an {@link InternalError}; like every other segment write it leaves here
 * as a {@link dev.shard.storage.StorageException} naming the segment and its file system.
 */
final class SegmentWriteChannel implements WritableByteChannel {
    private final Segment owner;
    private final MemorySegment target;
    private long position;
    private boolean open = true;

    private SegmentWriteChannel(Segment owner) {
        this.owner = owner;
        this.target = owner == null ? null : owner.memory();
    }

    static SegmentWriteChannel counting() {
        return new SegmentWriteChannel(null);
    }

    static SegmentWriteChannel into(Segment owner) {
        return new SegmentWriteChannel(owner);
    }

    long position() {
        return position;
    }

    @Override
    public int write(ByteBuffer source) {
        int length = source.remaining();
        if (target != null) {
            try {
                MemorySegment.copy(MemorySegment.ofBuffer(source), 0, target, position, length);
            } catch (InternalError e) {
                throw owner.fault(e, "copy " + length + " bytes of an Arrow table", position);
            }
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
