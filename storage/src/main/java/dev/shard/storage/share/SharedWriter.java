package dev.shard.storage.share;

import dev.shard.storage.StorageException;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentBoundsException;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a shared array or matrix in place, straight in the segment (no heap copy),
 * then {@link #publish() publishes} it. Publishing seals it: this writer's memory stops
 * being writable (accesses through {@link #memory()} or {@link #column(long)} taken
 * earlier fail), and the data becomes a read-only {@link SharedInput}. Closing a writer
 * that was never published discards the data.
 */
public final class SharedWriter implements AutoCloseable {
    private static final AtomicLong NAMES = new AtomicLong();

    private final SegmentStore store;
    private final Segment owner;
    private final Segment writable;
    private final ArrayDescriptor descriptor;
    private final MemorySegment data;
    private final long rows;
    private final long columns;
    private boolean published;

    private SharedWriter(SegmentStore store, Segment owner, ArrayDescriptor descriptor) {
        this.store = store;
        this.owner = owner;
        this.descriptor = descriptor;
        this.writable = store.open(owner.path(), Access.READ_WRITE);
        this.data = writable.slice(descriptor.dataOffset(), descriptor.dataBytes());
        long[] dims = descriptor.dims();
        this.rows = dims[0];
        this.columns = dims.length == 2 ? dims[1] : 1;
    }

    /** A zero-filled vector ({@code shape = [length]}) or double matrix ({@code [rows, columns]}). */
    public static SharedWriter allocate(ElementType type, long[] shape, Backing backing, SegmentStore store) {
        if (shape.length == 2 && type != ElementType.DOUBLE) {
            throw new StorageException("shared matrices hold doubles; got " + type.displayName()
                    + " (share a vector, or use an output buffer for other matrix types)");
        }
        if (shape.length < 1 || shape.length > 2) {
            throw new StorageException("shape must be [length] or [rows, columns], got " + shape.length + " dimensions");
        }
        ArrayDescriptor descriptor = new ArrayDescriptor(type, ArrayDescriptor.Kind.SHARED_INPUT, shape);
        Segment owner = store.create("shared-" + NAMES.incrementAndGet(), descriptor.segmentBytes(), backing);
        try {
            return new SharedWriter(store, owner, descriptor);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    public ElementType type() {
        return descriptor.type();
    }

    public long length() {
        return descriptor.elementCount();
    }

    /** The elements, writable, little-endian, 64-byte aligned; invalid after publish or close. */
    public MemorySegment memory() {
        writable.memory();
        return data;
    }

    /** Column {@code j} of a matrix as a writable slice of {@code rows} doubles. */
    public MemorySegment column(long column) {
        if (descriptor.rank() != 2) {
            throw new StorageException("column(j) is for matrices; this writer holds a vector of "
                    + length() + " " + type().displayName() + " values");
        }
        if (column < 0 || column >= columns) {
            throw new SegmentBoundsException("column " + column + " is out of bounds (columns 0.." + (columns - 1)
                    + ") of the matrix being written at " + owner.path(), null);
        }
        return memory().asSlice(column * rows * Double.BYTES, rows * Double.BYTES);
    }

    public void setDouble(long index, double value) {
        long offset = offsetOf(ElementType.DOUBLE, index);
        try {
            data.set(ValueLayout.JAVA_DOUBLE, offset, value);
        } catch (InternalError e) {
            throw fault(e, "write 8 bytes", offset);
        }
    }

    /** Matrix cell {@code (row, column)}. */
    public void setDouble(long row, long column, double value) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new SegmentBoundsException("cell (" + row + ", " + column + ") is out of bounds (" + rows + " x "
                    + columns + ") of the matrix being written at " + owner.path(), null);
        }
        setDouble(column * rows + row, value);
    }

    public void setInt(long index, int value) {
        long offset = offsetOf(ElementType.INT, index);
        try {
            data.set(ValueLayout.JAVA_INT, offset, value);
        } catch (InternalError e) {
            throw fault(e, "write 4 bytes", offset);
        }
    }

    public void setLong(long index, long value) {
        long offset = offsetOf(ElementType.LONG, index);
        try {
            data.set(ValueLayout.JAVA_LONG, offset, value);
        } catch (InternalError e) {
            throw fault(e, "write 8 bytes", offset);
        }
    }

    public void setLogical(long index, boolean value) {
        setRawByte(offsetOf(ElementType.LOGICAL, index), (byte) (value ? 1 : 0));
    }

    public void setRaw(long index, byte value) {
        setRawByte(offsetOf(ElementType.RAW, index), value);
    }

    private void setRawByte(long offset, byte value) {
        try {
            data.set(ValueLayout.JAVA_BYTE, offset, value);
        } catch (InternalError e) {
            throw fault(e, "write 1 byte", offset);
        }
    }

    /** A write into this writer's data that faulted, as a {@link StorageException} naming the segment. */
    StorageException fault(InternalError error, String what, long dataOffset) {
        return owner.fault(error, what, descriptor.dataOffset() + dataOffset);
    }

    /** Checks type, bounds and that the writer is still open; returns the byte offset. */
    private long offsetOf(ElementType expected, long index) {
        if (expected != type()) {
            throw new StorageException("cannot write a " + expected.displayName() + " value into the shared "
                    + type().displayName() + " array at " + owner.path() + " (use the setter of its type)");
        }
        if (index < 0 || index >= length()) {
            throw new SegmentBoundsException("index " + index + " is out of bounds (0.." + (length() - 1)
                    + ") of the " + type().displayName() + " array being written at " + owner.path(), null);
        }
        if (writable.isClosed()) {
            throw new StorageException("the writer of " + owner.path() + " is "
                    + (published ? "published: the data is sealed and read-only" : "closed")
                    + " (write before publish())");
        }
        return index * expected.bytes();
    }

    /** Seals the data and hands ownership to the returned {@link SharedInput}. */
    public SharedInput publish() {
        ensureUnpublished();
        writable.close();
        try {
            descriptor.write(owner);
        } catch (RuntimeException e) {
            owner.close(); // without its header the data cannot be opened by anyone
            throw e;
        }
        published = true;
        SharedHandle handle = new SharedHandle(owner.path().toString(), owner.backing(), descriptor.dataOffset(),
                descriptor.dataBytes(), descriptor.type(), descriptor.dims());
        return new SharedInput(owner, handle, store);
    }

    private void ensureUnpublished() {
        if (published) {
            throw new StorageException("the shared data at " + owner.path() + " is already published;"
                    + " a writer publishes once (use the SharedInput it returned)");
        }
        if (owner.isClosed()) {
            throw new StorageException("the writer of " + owner.path() + " was closed before publishing;"
                    + " its data is gone (allocate a new writer)");
        }
    }

    /** Discards the data unless it was published. Idempotent. */
    @Override
    public void close() {
        writable.close();
        if (!published) {
            owner.close();
        }
    }
}
