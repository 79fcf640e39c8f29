package dev.shard.storage.arrow;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The process's Arrow root allocator; each table gets a child, so a leak names its table. */
final class ArrowMemory {
    private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);
    private static final AtomicLong NAMES = new AtomicLong();

    private ArrowMemory() {
    }

    static BufferAllocator newTableAllocator(String what, long limit) {
        return ROOT.newChildAllocator(what + "#" + NAMES.incrementAndGet(), 0, limit);
    }
}
