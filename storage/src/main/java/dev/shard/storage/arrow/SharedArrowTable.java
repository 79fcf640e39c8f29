package dev.shard.storage.arrow;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.RunDirectory;
import dev.shard.storage.segment.SegmentClosedException;
import dev.shard.storage.share.SharedInfo;
import dev.shard.storage.share.SharedView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow table read zero-copy from a mapped IPC file: one {@link VectorSchemaRoot} per
 * record batch, whose buffers point into the mapping.
 *
 * <p>The table owns the mapping's lifetime. Arrow reads through raw addresses, so the
 * mapping must outlive every vector: {@link #close()} closes the vectors first and unmaps
 * last, and refuses to unmap (keeping the memory mapped, and saying so) while any buffer
 * is still referenced elsewhere — a leak is better than a JVM crash. Do not keep vectors
 * or buffers past {@code close()} (transfer or copy what must live longer).
 */
public final class SharedArrowTable implements SharedView {
    private final Path path;
    private final Backing backing;
    private final Arena lifetime;
    private final MemorySegment region;
    private final BufferAllocator allocator;
    private final ArrowBuf whole;
    private final Schema schema;
    private final List<VectorSchemaRoot> batches;
    private volatile boolean closed;
    private boolean unmapped;

    SharedArrowTable(Path path, Backing backing, Arena lifetime, MemorySegment region, BufferAllocator allocator,
            ArrowBuf whole, Schema schema, List<VectorSchemaRoot> batches) {
        this.path = path;
        this.backing = backing;
        this.lifetime = lifetime;
        this.region = region;
        this.allocator = allocator;
        this.whole = whole;
        this.schema = schema;
        this.batches = List.copyOf(batches);
    }

    public Path path() {
        return path;
    }

    public Schema schema() {
        return schema;
    }

    /** The record batches, in file order; valid until {@link #close()}. */
    public List<VectorSchemaRoot> batches() {
        ensureOpen();
        return batches;
    }

    public int batchCount() {
        return batches.size();
    }

    public VectorSchemaRoot batch(int index) {
        ensureOpen();
        if (index < 0 || index >= batches.size()) {
            throw new StorageException("batch " + index + " does not exist in Arrow table " + path + " ("
                    + batches.size() + " batches)");
        }
        return batches.get(index);
    }

    public long rowCount() {
        return batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
    }

    /** The mapped IPC bytes, read-only (for checks and custom readers). */
    public MemorySegment memory() {
        ensureOpen();
        return region.asReadOnly();
    }

    /** True when {@code buffer} lies inside this table's mapping: the zero-copy check. */
    public boolean isInMapping(ArrowBuf buffer) {
        long start = buffer.memoryAddress();
        return start >= region.address() && start + buffer.capacity() <= region.address() + region.byteSize();
    }

    @Override
    public SharedInfo sharedInfo() {
        Path directory = path.getParent();
        Optional<dev.shard.storage.segment.ProcessIdentity> owner = directory == null ? Optional.empty()
                : RunDirectory.readOwner(directory);
        return new SharedInfo(path, backing, region.byteSize(), "arrow",
                new long[] {rowCount(), schema.getFields().size()}, owner, false, true);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the vectors, then unmaps. If a buffer is still referenced elsewhere, the
     * mapping stays and this throws; call {@code close()} again once it is released.
     */
    @Override
    public synchronized void close() {
        if (unmapped) {
            return;
        }
        if (!closed) {
            closed = true;
            batches.forEach(VectorSchemaRoot::close);
            whole.close();
        }
        long outstanding = allocator.getAllocatedMemory();
        if (outstanding > 0) {
            throw new StorageException("Arrow table " + path + " is closed but " + outstanding
                    + " bytes of its buffers are still referenced (a vector or buffer was retained or transferred);"
                    + " its mapping stays in place so those buffers cannot crash the JVM. Release them, then call"
                    + " close() again.");
        }
        allocator.close();
        lifetime.close();
        unmapped = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new SegmentClosedException("Arrow table " + path + " is closed (open it again;"
                    + " vectors taken from it are no longer valid)", null);
        }
    }

    @Override
    public String toString() {
        return "SharedArrowTable[" + path + ", " + batches.size() + " batches, " + schema.getFields().size()
                + " columns" + (closed ? ", closed" : "") + "]";
    }
}
