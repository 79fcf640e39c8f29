package dev.shard.storage.arrow;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.memory.ForeignAllocation;

/**
 * A mapped file seen by Arrow as one foreign allocation. Releasing it does nothing: the
 * mapping belongs to the table's arena, which unmaps only after every vector is closed.
 */
final class MappedAllocation extends ForeignAllocation {
    MappedAllocation(MemorySegment mapped) {
        super(mapped.byteSize(), mapped.address());
    }

    @Override
    protected void release0() {
        // The arena owns the mapping; see SharedArrowTable.close().
    }
}
