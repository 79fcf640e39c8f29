package dev.shard.storage.buffer;

import dev.shard.storage.StorageException;
import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.ReadOnlySegmentException;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentBoundsException;
import dev.shard.storage.segment.SegmentClosedException;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A typed shared output buffer (the seed's {@code buffer()}): a vector, column-major
 * matrix or N-d array of double, int, long, logical or raw elements in one segment,
 * written in place by any process that opens it.
 *
 * <p>Layout: an {@link ArrayDescriptor} header of kind {@code OUTPUT_BUFFER} at offset 0
 * (magic, version, type, rank, dims), then the elements, little-endian, column-major,
 * from {@link ArrayDescriptor#dataOffset()} (64-byte aligned). The descriptor owns the
 * byte layout.
 *
 * <p>Slices ({@link BufferSlice}) move as bulk copies, one per contiguous run. Writes to
 * disjoint slices from several processes need no lock; overlapping writes: the last
 * one wins. Values must have the buffer's Java type (double[] for double, int[] for int,
 * long[] for long, boolean[] for logical, byte[] for raw), else {@link BufferMismatchException}.
 * Reads into Java arrays are copies out of shared memory and are counted by
 * {@link CopyLedger}. Every access is checked: out of bounds, read-only and closed
 * handles fail with {@link SegmentBoundsException}, {@link ReadOnlySegmentException} and
 * {@link SegmentClosedException}, naming the buffer.
 *
 * <p>The creating handle owns the buffer: closing it removes the file (processes that
 * have it open keep their mapping until they close). Other handles never remove it.
 */
public final class OutputBuffer implements AutoCloseable {
    private static final AtomicLong NAMES = new AtomicLong();

    private final Segment segment;
    private final ArrayDescriptor descriptor;
    private final ElementType type;
    private final long[] dims;
    private final long length;
    private final long dataOffset;
    private final String description;
    private final BufferTransfer transfer;

    private OutputBuffer(Segment segment, ArrayDescriptor descriptor) {
        this.segment = segment;
        this.descriptor = descriptor;
        this.type = descriptor.type();
        this.dims = descriptor.dims();
        this.length = descriptor.elementCount();
        this.dataOffset = descriptor.dataOffset();
        this.description = "output buffer " + segment.path() + " (" + type.displayName() + Arrays.toString(dims) + ")";
        this.transfer = new BufferTransfer(this);
    }

    /** Creates a buffer in this process's {@link SegmentStore#shared() shared store}. */
    public static OutputBuffer create(BufferSpec spec) {
        return create(SegmentStore.shared(), spec);
    }

    public static OutputBuffer create(SegmentStore store, BufferSpec spec) {
        ArrayDescriptor descriptor = new ArrayDescriptor(spec.type(), ArrayDescriptor.Kind.OUTPUT_BUFFER, spec.dims());
        String name = spec.name().orElseGet(() -> "buffer-" + NAMES.incrementAndGet());
        Segment segment = store.create(name, descriptor.segmentBytes(), spec.backing());
        try {
            descriptor.write(segment);
            long bits = spec.initBits();
            if (bits != 0) {
                ElementLayouts.fill(segment.slice(descriptor.dataOffset(), descriptor.dataBytes()), spec.type(), bits);
            }
            return new OutputBuffer(segment, descriptor);
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        } catch (InternalError e) {
            segment.close();
            throw segment.fault(e, "fill " + descriptor.dataBytes() + " bytes with the init value",
                    descriptor.dataOffset());
        }
    }

    /**
     * Refuses, as {@link #create(BufferSpec)} would, a buffer that cannot fit in this
     * process's shared store, and creates nothing (see {@link SegmentStore#ensureRoom}).
     */
    public static void ensureRoom(BufferSpec spec) {
        ArrayDescriptor descriptor = new ArrayDescriptor(spec.type(), ArrayDescriptor.Kind.OUTPUT_BUFFER, spec.dims());
        SegmentStore.shared().ensureRoom(spec.name().orElse("buffer"), descriptor.segmentBytes(), spec.backing());
    }

    /** Opens a buffer by path, read-write, whatever its type and dims (the seed's {@code buffer_open}). */
    public static OutputBuffer open(Path path) {
        return open(SegmentStore.shared(), path, Access.READ_WRITE);
    }

    /** Opens a buffer by path, read-write, and checks its type and (when given) its dims. */
    public static OutputBuffer open(Path path, ElementType expectedType, long... expectedDims) {
        return open(SegmentStore.shared(), path, Access.READ_WRITE, expectedType, expectedDims);
    }

    public static OutputBuffer open(SegmentStore store, Path path, Access access) {
        return open(store, path, access, null, new long[0]);
    }

    /**
     * Opens a buffer by path with {@code access}. A non-null {@code expectedType} and
     * non-empty {@code expectedDims} are checked; a mismatch names expected and found.
     */
    public static OutputBuffer open(SegmentStore store, Path path, Access access, ElementType expectedType,
            long... expectedDims) {
        Segment segment = store.open(path, access);
        try {
            ArrayDescriptor descriptor = ArrayDescriptor.read(segment);
            if (descriptor.kind() != ArrayDescriptor.Kind.OUTPUT_BUFFER) {
                throw new BufferMismatchException("segment " + segment.path() + " holds a shared input ("
                        + descriptor + "), not an output buffer: open it through the shared-data API");
            }
            boolean typeDiffers = expectedType != null && expectedType != descriptor.type();
            boolean dimsDiffer = expectedDims.length > 0 && !Arrays.equals(expectedDims, descriptor.dims());
            if (typeDiffers || dimsDiffer) {
                String expected = (expectedType == null ? descriptor.type() : expectedType).displayName()
                        + (expectedDims.length > 0 ? Arrays.toString(expectedDims) : "[any dims]");
                throw new BufferMismatchException("output buffer " + segment.path() + " is "
                        + descriptor.type().displayName() + Arrays.toString(descriptor.dims()) + ", expected "
                        + expected + " (check the path, or open it with the type and dims it was created with)");
            }
            return new OutputBuffer(segment, descriptor);
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    public Path path() {
        return segment.path();
    }

    public ElementType type() {
        return type;
    }

    /** Dimensions, column-major (dim 0 varies fastest). */
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** Number of elements. */
    public long length() {
        return length;
    }

    public long rows() {
        return matrixDims()[0];
    }

    public long columns() {
        return matrixDims()[1];
    }

    public ArrayDescriptor descriptor() {
        return descriptor;
    }

    public boolean isOwner() {
        return segment.isOwner();
    }

    public boolean isReadOnly() {
        return segment.isReadOnly();
    }

    public boolean isClosed() {
        return segment.isClosed();
    }

    public BufferInfo info() {
        var segmentInfo = segment.info();
        return new BufferInfo(segment.path(), type, dims, segment.backing(), descriptor.dataBytes(), segment.size(),
                segment.isOwner(), segment.isReadOnly(), segmentInfo.ownerProcess());
    }

    /** Calls and bytes through this handle in this process. */
    public BufferCounters counters() {
        return transfer.counters();
    }

    /** A serializable reference that another process opens read-write, zero-copy. */
    public BufferReference reference() {
        return new BufferReference(segment.path(), type, dims);
    }

    /**
     * The elements as raw memory (little-endian, column-major), for kernels that write in
     * place without an intermediate array. Not counted; valid until {@link #close()}.
     */
    public MemorySegment data() {
        transfer.ensureOpen("use the data of");
        return segment.slice(dataOffset, descriptor.dataBytes());
    }

    /** The storage index of the element at {@code coordinates} (one per dimension). */
    public long indexOf(long... coordinates) {
        if (coordinates.length != dims.length) {
            throw new StorageException(description + " has rank " + dims.length + ": give " + dims.length
                    + " coordinates, not " + coordinates.length);
        }
        long index = 0;
        long stride = 1;
        for (int d = 0; d < dims.length; d++) {
            if (coordinates[d] < 0 || coordinates[d] >= dims[d]) {
                throw new SegmentBoundsException("out of bounds: coordinate " + coordinates[d] + " of "
                        + SliceRuns.dimensionName(d, dims.length) + " in " + description + " (valid 0.."
                        + (dims[d] - 1) + ")", null);
            }
            index += coordinates[d] * stride;
            stride *= dims[d];
        }
        return index;
    }

    // ---- single elements

    public double getDouble(long index) {
        return transfer.checkElement(ElementType.DOUBLE, index, false).getDouble(offset(index));
    }

    public void setDouble(long index, double value) {
        transfer.checkElement(ElementType.DOUBLE, index, true).setDouble(offset(index), value);
    }

    public int getInt(long index) {
        return transfer.checkElement(ElementType.INT, index, false).getInt(offset(index));
    }

    public void setInt(long index, int value) {
        transfer.checkElement(ElementType.INT, index, true).setInt(offset(index), value);
    }

    public long getLong(long index) {
        return transfer.checkElement(ElementType.LONG, index, false).getLong(offset(index));
    }

    public void setLong(long index, long value) {
        transfer.checkElement(ElementType.LONG, index, true).setLong(offset(index), value);
    }

    public boolean getLogical(long index) {
        return transfer.checkElement(ElementType.LOGICAL, index, false).getByte(offset(index)) != 0;
    }

    public void setLogical(long index, boolean value) {
        transfer.checkElement(ElementType.LOGICAL, index, true).setByte(offset(index), (byte) (value ? 1 : 0));
    }

    public byte getRaw(long index) {
        return transfer.checkElement(ElementType.RAW, index, false).getByte(offset(index));
    }

    public void setRaw(long index, byte value) {
        transfer.checkElement(ElementType.RAW, index, true).setByte(offset(index), value);
    }

    // ---- slices: writes (one overload per element type)

    public void write(BufferSlice slice, double[] values) {
        transfer.write(slice, values, values.length, ElementType.DOUBLE);
    }

    public void write(BufferSlice slice, int[] values) {
        transfer.write(slice, values, values.length, ElementType.INT);
    }

    public void write(BufferSlice slice, long[] values) {
        transfer.write(slice, values, values.length, ElementType.LONG);
    }

    public void write(BufferSlice slice, boolean[] values) {
        transfer.write(slice, BufferTransfer.toBytes(values), values.length, ElementType.LOGICAL);
    }

    public void write(BufferSlice slice, byte[] values) {
        transfer.write(slice, values, values.length, ElementType.RAW);
    }

    /** Writes {@code values} to elements {@code [start, start + values.length)}. */
    public void write(long start, double[] values) {
        write(BufferSlice.range(start, values.length), values);
    }

    public void write(long start, int[] values) {
        write(BufferSlice.range(start, values.length), values);
    }

    public void write(long start, long[] values) {
        write(BufferSlice.range(start, values.length), values);
    }

    /** Writes matrix column {@code column} (one value per row). */
    public void writeColumn(long column, double[] values) {
        write(BufferSlice.column(column), values);
    }

    /** Writes matrix row {@code row} (one value per column). */
    public void writeRow(long row, double[] values) {
        write(BufferSlice.row(row), values);
    }

    /** Writes a {@code rows x columns} block, values column-major. */
    public void writeBlock(long rowStart, long columnStart, int rows, int columns, double[] values) {
        write(BufferSlice.block(rowStart, columnStart, rows, columns), values);
    }

    // ---- slices: reads into the caller's array

    public void read(BufferSlice slice, double[] destination) {
        transfer.read(slice, destination, destination.length, ElementType.DOUBLE);
    }

    public void read(BufferSlice slice, int[] destination) {
        transfer.read(slice, destination, destination.length, ElementType.INT);
    }

    public void read(BufferSlice slice, long[] destination) {
        transfer.read(slice, destination, destination.length, ElementType.LONG);
    }

    public void read(BufferSlice slice, boolean[] destination) {
        byte[] bytes = new byte[destination.length];
        transfer.read(slice, bytes, destination.length, ElementType.LOGICAL);
        for (int i = 0; i < bytes.length; i++) {
            destination[i] = bytes[i] != 0;
        }
    }

    public void read(BufferSlice slice, byte[] destination) {
        transfer.read(slice, destination, destination.length, ElementType.RAW);
    }

    // ---- slices: reads into new arrays

    public double[] readDoubles(BufferSlice slice) {
        return (double[]) transfer.readNew(slice, ElementType.DOUBLE, BufferTransfer.READ);
    }

    public int[] readInts(BufferSlice slice) {
        return (int[]) transfer.readNew(slice, ElementType.INT, BufferTransfer.READ);
    }

    public long[] readLongs(BufferSlice slice) {
        return (long[]) transfer.readNew(slice, ElementType.LONG, BufferTransfer.READ);
    }

    public boolean[] readLogicals(BufferSlice slice) {
        return BufferTransfer.toBooleans((byte[]) transfer.readNew(slice, ElementType.LOGICAL, BufferTransfer.READ));
    }

    public byte[] readRaw(BufferSlice slice) {
        return (byte[]) transfer.readNew(slice, ElementType.RAW, BufferTransfer.READ);
    }

    /** Matrix column {@code column}. */
    public double[] readColumn(long column) {
        return readDoubles(BufferSlice.column(column));
    }

    /** A {@code rows x columns} block, column-major. */
    public double[] readBlock(long rowStart, long columnStart, int rows, int columns) {
        return readDoubles(BufferSlice.block(rowStart, columnStart, rows, columns));
    }

    // ---- the whole buffer as a Java array (a counted copy)

    public double[] toDoubleArray() {
        return (double[]) transfer.readNew(BufferSlice.all(), ElementType.DOUBLE, BufferTransfer.TO_ARRAY);
    }

    public int[] toIntArray() {
        return (int[]) transfer.readNew(BufferSlice.all(), ElementType.INT, BufferTransfer.TO_ARRAY);
    }

    public long[] toLongArray() {
        return (long[]) transfer.readNew(BufferSlice.all(), ElementType.LONG, BufferTransfer.TO_ARRAY);
    }

    public boolean[] toLogicalArray() {
        return BufferTransfer.toBooleans(
                (byte[]) transfer.readNew(BufferSlice.all(), ElementType.LOGICAL, BufferTransfer.TO_ARRAY));
    }

    public byte[] toRawArray() {
        return (byte[]) transfer.readNew(BufferSlice.all(), ElementType.RAW, BufferTransfer.TO_ARRAY);
    }

    /** Unmaps this handle; the owner also removes the file. Idempotent. */
    @Override
    public void close() {
        segment.close();
    }

    @Override
    public String toString() {
        return description + (isOwner() ? ", owner" : "") + (isReadOnly() ? ", read-only" : "")
                + (isClosed() ? ", closed" : "");
    }

    // ---- for BufferTransfer

    Segment segment() {
        return segment;
    }

    String description() {
        return description;
    }

    long dataOffset() {
        return dataOffset;
    }

    long offset(long index) {
        return dataOffset + index * type.bytes();
    }

    private long[] matrixDims() {
        if (dims.length != 2) {
            throw new StorageException(description + " is not a matrix (rank " + dims.length
                    + "): rows and columns need a rank-2 buffer");
        }
        return dims;
    }
}
