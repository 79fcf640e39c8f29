package dev.shard.storage.segment;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One mapping of one file in this process, shared by every {@link Segment} handle
 * that opens the same file with the same access. Unmapped when the last handle closes.
 */
final class Mapping {
    private final Key key;
    private final Arena arena;
    private final MemorySegment memory;
    private final AtomicInteger references = new AtomicInteger();
    private final Consumer<Mapping> onUnmapped;

    record Key(Path path, boolean writable) {
    }

    Mapping(Key key, Arena arena, MemorySegment memory, Consumer<Mapping> onUnmapped) {
        this.key = key;
        this.arena = arena;
        this.memory = memory;
        this.onUnmapped = onUnmapped;
    }

    Key key() {
        return key;
    }

    MemorySegment memory() {
        return memory;
    }

    /** Takes a reference unless the mapping is already going away. */
    boolean retain() {
        while (true) {
            int current = references.get();
            if (current < 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0 && references.compareAndSet(0, -1)) {
            onUnmapped.accept(this);
            arena.close();
        }
    }

    int references() {
        return Math.max(0, references.get());
    }
}
