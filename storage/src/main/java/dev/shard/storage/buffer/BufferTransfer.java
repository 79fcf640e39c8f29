package dev.shard.storage.buffer;

import dev.shard.storage.StorageException;
import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.ReadOnlySegmentException;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentBoundsException;
import dev.shard.storage.segment.SegmentClosedException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.LongAdder;

/**
 * The checks and bulk copies behind {@link OutputBuffer}: closed, read-only, element
 * type and bounds are checked before any byte moves, then each contiguous run of a
 * slice is one {@link MemorySegment#copy} between the mapping and the Java array.
 */
final class BufferTransfer {
    static final String READ = "buffer.read";
    static final String TO_ARRAY = "buffer.toArray";
    /** The largest array length every JVM accepts. */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final OutputBuffer buffer;
    private final LongAdder writes = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();

    BufferTransfer(OutputBuffer buffer) {
        this.buffer = buffer;
    }

    BufferCounters counters() {
        return new BufferCounters(writes.sum(), bytesWritten.sum(), reads.sum(), bytesRead.sum());
    }

    void ensureOpen(String verb) {
        if (buffer.segment().isClosed()) {
            throw new SegmentClosedException(buffer.description() + " is closed: cannot " + verb
                    + " it (open it again by path or reference, or close it only after the last use)", null);
        }
    }

    /** Checks one element access and counts it; returns the segment to access it through. */
    Segment checkElement(ElementType valueType, long index, boolean write) {
        check(valueType, write);
        if (index < 0 || index >= buffer.length()) {
            throw new SegmentBoundsException("out of bounds: index " + index + " of " + buffer.description()
                    + " (it has " + buffer.length() + " elements"
                    + (buffer.length() == 0 ? ")" : ": 0.." + (buffer.length() - 1) + ")"), null);
        }
        count(write, buffer.type().bytes());
        return buffer.segment();
    }

    void write(BufferSlice slice, Object values, int length, ElementType valueType) {
        check(valueType, true);
        SliceRuns runs = SliceRuns.resolve(slice, buffer.dims(), buffer.description());
        requireLength(slice, runs, length);
        copy(runs, values, true);
        count(true, runs.count() * buffer.type().bytes());
    }

    void read(BufferSlice slice, Object destination, int length, ElementType valueType) {
        check(valueType, false);
        SliceRuns runs = SliceRuns.resolve(slice, buffer.dims(), buffer.description());
        requireLength(slice, runs, length);
        copy(runs, destination, false);
        recordRead(runs, READ);
    }

    /** Reads a slice into a new array of the buffer's Java type (byte[] for logical). */
    Object readNew(BufferSlice slice, ElementType valueType, String copyName) {
        check(valueType, false);
        SliceRuns runs = SliceRuns.resolve(slice, buffer.dims(), buffer.description());
        if (runs.count() > MAX_ARRAY_LENGTH) {
            throw new StorageException("cannot read " + runs.count() + " elements of " + buffer.description()
                    + " into one Java array (at most " + MAX_ARRAY_LENGTH + "): read it in smaller slices");
        }
        int length = (int) runs.count();
        Object destination = switch (buffer.type()) {
            case DOUBLE -> new double[length];
            case INT -> new int[length];
            case LONG -> new long[length];
            case LOGICAL, RAW -> new byte[length];
        };
        copy(runs, destination, false);
        recordRead(runs, copyName);
        return destination;
    }

    private void copy(SliceRuns runs, Object array, boolean write) {
        MemorySegment memory = buffer.segment().memory();
        ValueLayout layout = ElementLayouts.of(buffer.type());
        long elementBytes = buffer.type().bytes();
        long dataOffset = buffer.dataOffset();
        try {
            runs.forEach((element, position, length) -> {
                long offset = dataOffset + element * elementBytes;
                if (write) {
                    MemorySegment.copy(array, (int) position, memory, layout, offset, (int) length);
                } else {
                    MemorySegment.copy(memory, layout, offset, array, (int) position, (int) length);
                }
            });
        } catch (RuntimeException e) {
            throw buffer.segment().translate(e, (write ? "write " : "read ") + runs.count() + " elements",
                    dataOffset, runs.count() * elementBytes);
        } catch (InternalError e) {
            throw buffer.segment().fault(e, (write ? "write " : "read ") + runs.count() + " elements", dataOffset);
        }
    }

    private void check(ElementType valueType, boolean write) {
        String verb = write ? "write" : "read";
        ensureOpen(verb);
        if (write && buffer.segment().isReadOnly()) {
            throw new ReadOnlySegmentException(buffer.description() + " is open read-only: cannot write it"
                    + " (open it with Access.READ_WRITE to write)", null);
        }
        if (valueType != buffer.type()) {
            throw new BufferMismatchException(buffer.description() + " holds " + buffer.type().displayName()
                    + " values: cannot " + verb + " " + valueType.displayName() + " values (use "
                    + javaType(buffer.type()) + ", or create the buffer with type " + valueType.displayName() + ")");
        }
    }

    private void requireLength(BufferSlice slice, SliceRuns runs, int length) {
        if (runs.count() != length) {
            throw new StorageException("slice " + slice + " of " + buffer.description() + " has " + runs.count()
                    + " elements but the array has " + length + " (give exactly one value per element)");
        }
    }

    private void recordRead(SliceRuns runs, String copyName) {
        long bytes = runs.count() * buffer.type().bytes();
        count(false, bytes);
        CopyLedger.record(copyName, bytes);
    }

    private void count(boolean write, long bytes) {
        if (write) {
            writes.increment();
            bytesWritten.add(bytes);
        } else {
            reads.increment();
            bytesRead.add(bytes);
        }
    }

    private static String javaType(ElementType type) {
        return switch (type) {
            case DOUBLE -> "double[] / getDouble / setDouble";
            case INT -> "int[] / getInt / setInt";
            case LONG -> "long[] / getLong / setLong";
            case LOGICAL -> "boolean[] / getLogical / setLogical";
            case RAW -> "byte[] / getRaw / setRaw";
        };
    }

    static byte[] toBytes(boolean[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return bytes;
    }

    static boolean[] toBooleans(byte[] bytes) {
        boolean[] values = new boolean[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] != 0;
        }
        return values;
    }
}
