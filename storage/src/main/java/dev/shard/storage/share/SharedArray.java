package dev.shard.storage.share;

import dev.shard.storage.StorageException;
import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentBoundsException;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A read-only view of a shared array or matrix, mapped zero-copy. Element reads are
 * bounds- and lifetime-checked: after {@link #close()} they throw, never read stale
 * memory. Copies into the heap ({@code toArray}) are counted by {@link CopyLedger}.
 */
public abstract sealed class SharedArray implements SharedView
        permits SharedDoubleArray, SharedIntArray, SharedLongArray, SharedLogicalArray, SharedRawArray,
        SharedMatrix {
    private final SharedHandle handle;
    private final Segment segment;
    /** The elements only, read-only, valid while {@link #segment} is open. */
    final MemorySegment data;
    private final long count;

    SharedArray(SharedHandle handle, Segment segment) {
        this.handle = handle;
        this.segment = segment;
        this.count = handle.elementCount();
        this.data = segment.slice(handle.offset(), handle.length());
    }

    static SharedArray open(SharedHandle handle, SegmentStore store) {
        // The store reuses a live mapping of the same path even after the owner unlinked
        // it; released data must not be opened again, so the file has to exist.
        if (!java.nio.file.Files.exists(handle.file())) {
            throw new StorageException("no segment at " + handle.path() + ": the shared " + handle.describe()
                    + " was released by its owner or its owner exited (ask the owner for a live handle)");
        }
        Segment segment = store.open(handle.file(), Access.READ_ONLY);
        try {
            ArrayDescriptor descriptor = ArrayDescriptor.read(segment);
            checkMatches(handle, descriptor);
            if (handle.isMatrix()) {
                return new SharedMatrix(handle, segment);
            }
            return switch (handle.type()) {
                case DOUBLE -> new SharedDoubleArray(handle, segment);
                case INT -> new SharedIntArray(handle, segment);
                case LONG -> new SharedLongArray(handle, segment);
                case LOGICAL -> new SharedLogicalArray(handle, segment);
                case RAW -> new SharedRawArray(handle, segment);
            };
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    private static void checkMatches(SharedHandle handle, ArrayDescriptor descriptor) {
        // An output buffer has the same layout after its descriptor: a handle may read its
        // elements read-only, e.g. a matrix a script filled in the workers and then scans as a table.
        boolean readable = descriptor.kind() == ArrayDescriptor.Kind.SHARED_INPUT
                || descriptor.kind() == ArrayDescriptor.Kind.OUTPUT_BUFFER;
        if (!readable || descriptor.type() != handle.type()
                || !Arrays.equals(descriptor.dims(), handle.shape()) || descriptor.dataOffset() != handle.offset()
                || descriptor.dataBytes() != handle.length()) {
            throw new StorageException("segment " + handle.path() + " holds " + descriptor + ", but the handle says "
                    + handle.describe() + " (the handle is stale or for another segment; get a fresh one from the owner)");
        }
        if (handle.isMatrix() && handle.type() != ElementType.DOUBLE) {
            throw new StorageException("shared matrices hold doubles, " + handle.describe() + " holds "
                    + handle.type().displayName());
        }
    }

    public SharedHandle handle() {
        return handle;
    }

    public ElementType type() {
        return handle.type();
    }

    public long[] shape() {
        return handle.shape();
    }

    /** Number of elements. */
    public long length() {
        return count;
    }

    /**
     * The elements as a read-only segment (little-endian, 64-byte aligned) for fast loops;
     * accesses through it fail with {@link IllegalStateException} once this view closes.
     */
    public MemorySegment memory() {
        segment.memory();
        return data;
    }

    @Override
    public SharedInfo sharedInfo() {
        SharedInfo info = handle.info();
        return new SharedInfo(info.path(), info.backing(), info.sizeBytes(), info.type(), info.shape(),
                info.owner(), false, true);
    }

    @Override
    public boolean isClosed() {
        return segment.isClosed();
    }

    /** Unmaps this view (other views of the same data stay valid). Idempotent. */
    @Override
    public void close() {
        segment.close();
    }

    /** Copies every element into a heap array of the matching Java type; counted as a copy. */
    public abstract Object toArray();

    /** Counts a copy of this whole view and checks it fits a Java array. */
    final int copyLength(String what) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new StorageException(handle.describe() + " has " + count + " elements, more than a Java array holds;"
                    + " read it through memory() or column slices instead of copying it");
        }
        Runtime runtime = Runtime.getRuntime();
        long heapLeft = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (handle.length() > heapLeft) {
            throw new StorageException("copying " + handle.describe() + " needs " + handle.length()
                    + " bytes of heap, but only about " + heapLeft + " are left (max heap " + runtime.maxMemory()
                    + "); read it through memory() or column slices instead, or raise -Xmx");
        }
        memory();
        CopyLedger.record(what, handle.length());
        return (int) count;
    }

    final long byteOffset(long index) {
        if (index < 0 || index >= count) {
            throw new SegmentBoundsException("index " + index + " is out of bounds for " + handle.describe()
                    + " (valid indexes 0.." + (count - 1) + ")", null);
        }
        return index * type().bytes();
    }

    final StorageException failure(RuntimeException e, long index) {
        return segment.translate(e, "read element " + index + " of " + handle.describe(),
                index * type().bytes(), type().bytes());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + handle.describe() + (isClosed() ? ", closed" : "") + "]";
    }
}
