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

    /**
     * Written out rather than generated: a record's generated {@code equals} and {@code hashCode}
     * are bootstrapped through method handles at first use, which a JDK 25 AOT cache does not
     * hold (~15 ms of a fresh worker's first shard spun lambda forms for this key alone).
     */
    record Key(Path path, boolean writable) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.writable == writable && key.path.equals(path);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + Boolean.hashCode(writable);
        }
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
