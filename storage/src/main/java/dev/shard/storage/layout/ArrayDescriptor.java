package dev.shard.storage.layout;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Segment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header of a typed N-d array in a segment (shared inputs and output buffers).
 *
 * <pre>
 *  0               8       10      12   13   14      16              20              24
 *  +---------------+-------+-------+----+----+-------+---------------+---------------+
 *  | magic         | major | minor |type|kind| (0)   | rank          | (0)           |
 *  | "SHARDARR"    | u16   | u16   | u8 | u8 |       | u32           |               |
 *  +---------------+-------+-------+----+----+-------+---------------+---------------+
 *  24 element count u64 | 32 data offset u64 | 40 data bytes u64 | 48..63 reserved
 *  64 dims: rank x u64 (column-major: dim 0 varies fastest)
 *  data at {@code dataOffset}, aligned to 64 bytes, little-endian elements
 * </pre>
 */
public record ArrayDescriptor(ElementType type, Kind kind, long[] dims) {
    public static final byte[] MAGIC = "SHARDARR".getBytes(StandardCharsets.US_ASCII);
    public static final int MAJOR_VERSION = 1;
    public static final int MINOR_VERSION = 0;
    public static final int MAX_RANK = 16;
    public static final int ALIGNMENT = 64;

    static final long MAGIC_OFFSET = 0;
    static final long MAJOR_OFFSET = 8;
    static final long MINOR_OFFSET = 10;
    static final long TYPE_OFFSET = 12;
    static final long KIND_OFFSET = 13;
    static final long RANK_OFFSET = 16;
    static final long COUNT_OFFSET = 24;
    static final long DATA_OFFSET_OFFSET = 32;
    static final long DATA_BYTES_OFFSET = 40;
    static final long DIMS_OFFSET = 64;

    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    /** What the array is for: a read-only shared input, or a writable output buffer. */
    public enum Kind {
        SHARED_INPUT(1),
        OUTPUT_BUFFER(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind ofCode(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new StorageException("unknown array kind code " + code);
        }
    }

    public ArrayDescriptor {
        if (dims.length == 0 || dims.length > MAX_RANK) {
            throw new StorageException("an array needs 1 to " + MAX_RANK + " dimensions, got " + dims.length);
        }
        dims = dims.clone();
        for (long dim : dims) {
            if (dim < 0) {
                throw new StorageException("dimensions must not be negative: " + Arrays.toString(dims));
            }
        }
        checkSize(type, dims);
    }

    /**
     * Refuses dims whose byte count overflows a {@code long} (with the header) before
     * anything is allocated: the product would otherwise wrap to a small or negative
     * size and be created as something else than asked.
     */
    private static void checkSize(ElementType type, long[] dims) {
        try {
            long count = 1;
            for (long dim : dims) {
                count = Math.multiplyExact(count, dim);
            }
            Math.addExact(Math.multiplyExact(count, (long) type.bytes()), DIMS_OFFSET + ALIGNMENT
                    + (long) Long.BYTES * dims.length);
        } catch (ArithmeticException e) {
            throw new StorageException("an array of " + type.displayName() + Arrays.toString(dims) + " is impossible:"
                    + " its size in bytes overflows a 64-bit count (more than 8 EiB); check the dimensions");
        }
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long elementCount() {
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        return count;
    }

    public long dataBytes() {
        return elementCount() * type.bytes();
    }

    /** Where the elements start: just past the header, rounded up to {@link #ALIGNMENT}. */
    public long dataOffset() {
        long headerEnd = DIMS_OFFSET + (long) Long.BYTES * dims.length;
        return (headerEnd + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Header plus data; at least one byte so an empty array still has a file. */
    public long segmentBytes() {
        return dataOffset() + Math.max(dataBytes(), 1);
    }

    public void write(Segment segment) {
        try {
            writeHeader(segment.memory());
        } catch (InternalError e) {
            throw segment.fault(e, "write the array header", 0);
        }
    }

    private void writeHeader(MemorySegment memory) {
        MemorySegment.copy(MemorySegment.ofArray(MAGIC), 0, memory, MAGIC_OFFSET, MAGIC.length);
        memory.set(U16, MAJOR_OFFSET, (short) MAJOR_VERSION);
        memory.set(U16, MINOR_OFFSET, (short) MINOR_VERSION);
        memory.set(ValueLayout.JAVA_BYTE, TYPE_OFFSET, (byte) type.code());
        memory.set(ValueLayout.JAVA_BYTE, KIND_OFFSET, (byte) kind.code);
        memory.set(U32, RANK_OFFSET, dims.length);
        memory.set(U64, COUNT_OFFSET, elementCount());
        memory.set(U64, DATA_OFFSET_OFFSET, dataOffset());
        memory.set(U64, DATA_BYTES_OFFSET, dataBytes());
        for (int i = 0; i < dims.length; i++) {
            memory.set(U64, DIMS_OFFSET + (long) Long.BYTES * i, dims[i]);
        }
    }

    /** Reads and validates the header of {@code segment}; rejects other major versions. */
    public static ArrayDescriptor read(Segment segment) {
        MemorySegment memory = segment.memory();
        if (memory.byteSize() < DIMS_OFFSET) {
            throw notAnArray(segment, "it is only " + memory.byteSize() + " bytes");
        }
        byte[] magic = memory.asSlice(MAGIC_OFFSET, MAGIC.length).toArray(ValueLayout.JAVA_BYTE);
        if (!Arrays.equals(magic, MAGIC)) {
            throw notAnArray(segment, "it does not start with SHARDARR");
        }
        int major = Short.toUnsignedInt(memory.get(U16, MAJOR_OFFSET));
        if (major != MAJOR_VERSION) {
            throw new StorageException("segment " + segment.path() + " holds array layout version " + major
                    + ", this shard reads version " + MAJOR_VERSION + " (use the same shard version on both sides)");
        }
        ElementType type = ElementType.ofCode(memory.get(ValueLayout.JAVA_BYTE, TYPE_OFFSET));
        Kind kind = Kind.ofCode(memory.get(ValueLayout.JAVA_BYTE, KIND_OFFSET));
        int rank = memory.get(U32, RANK_OFFSET);
        if (rank < 1 || rank > MAX_RANK || memory.byteSize() < DIMS_OFFSET + (long) Long.BYTES * rank) {
            throw notAnArray(segment, "its rank " + rank + " is out of range");
        }
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = memory.get(U64, DIMS_OFFSET + (long) Long.BYTES * i);
        }
        ArrayDescriptor descriptor = new ArrayDescriptor(type, kind, dims);
        if (memory.get(U64, DATA_OFFSET_OFFSET) != descriptor.dataOffset()
                || memory.byteSize() < descriptor.dataOffset() + descriptor.dataBytes()) {
            throw notAnArray(segment, "its header does not match its size (" + memory.byteSize() + " bytes)");
        }
        return descriptor;
    }

    private static StorageException notAnArray(Segment segment, String why) {
        return new StorageException("segment " + segment.path() + " is not a shard array: " + why);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayDescriptor that && type == that.type && kind == that.kind
                && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + kind.hashCode()) + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return type.displayName() + Arrays.toString(dims) + " " + kind;
    }
}
