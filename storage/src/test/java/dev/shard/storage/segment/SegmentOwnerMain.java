package dev.shard.storage.segment;

import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;

/**
 * Child process of {@link SegmentCrashTest}: owns two tmpfs segments, a spill segment
 * and an output buffer in the roots given by {@code -Dshard.shm.dir} and
 * {@code -Dshard.spill.dir}, prints their paths and waits to be killed.
 */
public final class SegmentOwnerMain {
    private SegmentOwnerMain() {
    }

    public static void main(String[] args) throws Exception {
        SegmentStore store = SegmentStore.shared();
        Segment first = store.create("first", 1 << 20, Backing.SHM);
        Segment second = store.create("second", 4096, Backing.SHM);
        Segment spilled = store.create("spilled", 1 << 16, Backing.MMAP);
        OutputBuffer buffer = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, 1000).withInit(2.5));
        first.setLong(0, 42);
        for (Object owned : new Object[] {first, second, spilled}) {
            System.out.println("path: " + ((Segment) owned).path());
        }
        System.out.println("path: " + buffer.path());
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
