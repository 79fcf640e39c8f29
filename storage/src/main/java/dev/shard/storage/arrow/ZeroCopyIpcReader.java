package dev.shard.storage.arrow;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Reads an Arrow IPC file (file format) without copying its data: the file is mapped
 * once, wrapped as one Arrow allocation, and each record batch's buffers are slices of
 * it. Layout: {@code "ARROW1" pad(2) | messages... | footer | int32 footer length | "ARROW1"}.
 * Everything read from the file is validated before Arrow sees an address, because
 * Arrow does not check addresses: a bad offset would read outside the mapping.
 */
final class ZeroCopyIpcReader {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 8;
    private static final int TRAILER_BYTES = Integer.BYTES + MAGIC.length;
    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final ValueLayout.OfInt INT32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment region;

    private ZeroCopyIpcReader(Path file, MemorySegment region) {
        this.file = file;
        this.region = region;
    }

    /** Maps {@code [offset, offset + length)} of {@code file} (length -1: to the end) and reads it. */
    static SharedArrowTable open(Path file, long offset, long length, Backing backing) {
        Arena lifetime = Arena.ofShared();
        BufferAllocator allocator = null;
        List<VectorSchemaRoot> batches = new ArrayList<>();
        ArrowBuf whole = null;
        try {
            MemorySegment mapped = PrivateMapping.map(file, lifetime);
            long regionLength = length < 0 ? mapped.byteSize() - offset : length;
            if (offset < 0 || regionLength < 0 || offset + regionLength > mapped.byteSize()) {
                throw new StorageException("Arrow data at " + file + " [" + offset + ", +" + regionLength
                        + ") lies outside the file (" + mapped.byteSize() + " bytes): the handle is stale");
            }
            ZeroCopyIpcReader reader = new ZeroCopyIpcReader(file, mapped.asSlice(offset, regionLength));
            ArrowFooter footer = reader.footer();
            allocator = ArrowMemory.newTableAllocator(file.getFileName().toString(), allocationLimit(regionLength));
            whole = allocator.wrapForeignAllocation(new MappedAllocation(reader.region));
            List<ArrowBlock> blocks = footer.getRecordBatches();
            long footerStart = reader.footerStart();
            for (int index = 0; index < blocks.size(); index++) {
                batches.add(reader.load(index, blocks.get(index), footerStart, footer.getSchema(), whole, allocator));
            }
            return new SharedArrowTable(file, backing, lifetime, reader.region, allocator, whole, footer.getSchema(),
                    batches);
        } catch (RuntimeException e) {
            batches.forEach(VectorSchemaRoot::close);
            if (whole != null) {
                whole.close();
            }
            closeAfterFailure(allocator);
            lifetime.close();
            throw e instanceof StorageException storage ? storage : malformed(file, "it cannot be parsed: " + e, e);
        }
    }

    /**
     * The mapping is accounted once; beyond it Arrow Java only allocates the all-valid
     * bitmaps of null-free columns (at most one bit per value, far below the data). The
     * cap turns a corrupt row count, which would make Arrow grow a vector, into an error
     * instead of a huge allocation.
     */
    private static long allocationLimit(long mappedBytes) {
        return 2 * mappedBytes + (1L << 20);
    }

    /** Nothing references the mapping after a failed read; a leak report must not hide the real error. */
    private static void closeAfterFailure(BufferAllocator allocator) {
        if (allocator == null) {
            return;
        }
        try {
            allocator.close();
        } catch (IllegalStateException leaked) {
            // Only references from the failed batch remain, and no vector holds them.
        }
    }

    private long footerStart() {
        return region.byteSize() - TRAILER_BYTES - region.get(INT32, region.byteSize() - TRAILER_BYTES);
    }

    private ArrowFooter footer() {
        long size = region.byteSize();
        if (size < HEADER_BYTES + TRAILER_BYTES) {
            throw malformed(file, "it is only " + size + " bytes, too short for an Arrow IPC file (truncated?)", null);
        }
        if (!Arrays.equals(region.asSlice(0, MAGIC.length).toArray(ValueLayout.JAVA_BYTE), MAGIC)) {
            throw malformed(file, "it does not start with the Arrow file magic ARROW1 (is it an Arrow IPC *stream*,"
                    + " Feather v1, Parquet or another format? write it in the IPC file format)", null);
        }
        if (!Arrays.equals(region.asSlice(size - MAGIC.length, MAGIC.length).toArray(ValueLayout.JAVA_BYTE), MAGIC)) {
            throw malformed(file, "it does not end with the Arrow file magic ARROW1: it is truncated or was not"
                    + " finished (the writer must be closed before the file is read)", null);
        }
        int footerLength = region.get(INT32, size - TRAILER_BYTES);
        if (footerLength <= 0 || footerLength > size - HEADER_BYTES - TRAILER_BYTES) {
            throw malformed(file, "its footer length " + footerLength + " does not fit in " + size + " bytes", null);
        }
        ByteBuffer bytes = region.asSlice(footerStart(), footerLength).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        try {
            Footer footer = Footer.getRootAsFooter(bytes);
            if (footer.schema() == null) {
                throw malformed(file, "its footer has no schema", null);
            }
            if (footer.schema().endianness() == Endianness.Big) {
                throw malformed(file, "it is big-endian; shard maps little-endian Arrow data only", null);
            }
            if (footer.dictionariesLength() > 0) {
                throw new StorageException("Arrow file " + file + " has dictionary-encoded columns, which shard does"
                        + " not read zero-copy yet (write the columns without dictionary encoding)");
            }
            return new ArrowFooter(footer);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(file, "its footer is unreadable (" + e + ")", e);
        }
    }

    private VectorSchemaRoot load(int index, ArrowBlock block, long footerStart, Schema schema, ArrowBuf whole,
            BufferAllocator allocator) {
        long offset = block.getOffset();
        int metadataLength = block.getMetadataLength();
        long bodyLength = block.getBodyLength();
        if (offset < HEADER_BYTES || metadataLength < HEADER_BYTES || bodyLength < 0
                || offset + metadataLength + bodyLength > footerStart) {
            throw malformed(file, "record batch " + index + " [offset " + offset + ", metadata " + metadataLength
                    + ", body " + bodyLength + "] lies outside the data area (0.." + footerStart + ")", null);
        }
        RecordBatch header = recordBatchHeader(index, offset, metadataLength);
        if (header.compression() != null) {
            throw new StorageException("Arrow file " + file + " is compressed (record batch " + index + " uses "
                    + CompressionType.name(header.compression().codec()) + "): shard maps uncompressed files only,"
                    + " because decompressing is a copy. Write it without compression (pyarrow: "
                    + "ipc.new_file(..., options=ipc.IpcWriteOptions(compression=None)); Arrow Java: no codec)");
        }
        for (int i = 0; i < header.buffersLength(); i++) {
            Buffer buffer = header.buffers(i);
            if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() + buffer.length() > bodyLength) {
                throw malformed(file, "buffer " + i + " of record batch " + index + " [" + buffer.offset() + ", +"
                        + buffer.length() + ") lies outside its body of " + bodyLength + " bytes", null);
            }
        }
        ArrowBuf body = whole.slice(offset + metadataLength, bodyLength);
        // deserializeRecordBatch releases the body once; the body shares whole's reference count.
        whole.getReferenceManager().retain();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(header, body)) {
            new VectorLoader(root).load(batch);
            // validateFull also checks that offsets rise and stay inside their data buffer, so a
            // corrupt utf8 offset is an error here rather than wrong strings later.
            ValueVectorUtility.validateFull(root);
            for (FieldVector vector : root.getFieldVectors()) {
                checkInMapping(index, vector, whole);
            }
            return root;
        } catch (Exception e) {
            root.close();
            throw malformed(file, "record batch " + index + " does not match its schema (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Every buffer must still point into the mapping after loading: Arrow grows (copies) a
     * vector whose buffers are too small for the row count, which only a corrupt file causes.
     * Allowed exceptions: empty buffers and the bitmap Arrow makes for a column without nulls.
     */
    private void checkInMapping(int index, FieldVector vector, ArrowBuf whole) {
        long start = whole.memoryAddress();
        long end = start + whole.capacity();
        for (ArrowBuf buffer : vector.getFieldBuffers()) {
            boolean inside = buffer.memoryAddress() >= start && buffer.memoryAddress() + buffer.capacity() <= end;
            if (inside || buffer.capacity() == 0) {
                continue;
            }
            // Counted only for a buffer outside the mapping: the count reads the whole bitmap.
            boolean madeValidity = buffer == vector.getValidityBuffer() && vector.getNullCount() == 0;
            if (!madeValidity) {
                throw malformed(file, "record batch " + index + " claims more values in column '" + vector.getName()
                        + "' than its buffers hold", null);
            }
        }
        for (FieldVector child : vector.getChildrenFromFields()) {
            checkInMapping(index, child, whole);
        }
    }

    private RecordBatch recordBatchHeader(int index, long offset, int metadataLength) {
        ByteBuffer metadata = region.asSlice(offset, metadataLength).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int prefix = metadata.getInt(0);
        int start = prefix == CONTINUATION ? 8 : 4;
        int length = prefix == CONTINUATION ? metadata.getInt(4) : prefix;
        if (length <= 0 || start + length > metadataLength) {
            throw malformed(file, "record batch " + index + " has a message length of " + length
                    + " in a block of " + metadataLength + " bytes", null);
        }
        try {
            Message message = Message.getRootAsMessage(metadata.slice(start, length).order(ByteOrder.LITTLE_ENDIAN));
            if (message.headerType() != MessageHeader.RecordBatch) {
                throw malformed(file, "block " + index + " holds a " + MessageHeader.name(message.headerType())
                        + " message where a record batch was expected", null);
            }
            return (RecordBatch) message.header(new RecordBatch());
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(file, "the message of record batch " + index + " is unreadable (" + e + ")", e);
        }
    }

    static StorageException malformed(Path file, String why, Throwable cause) {
        return new StorageException("Arrow file " + file + " is not a valid Arrow IPC file: " + why
                + " (write it again with an Arrow IPC file writer: ArrowFileWriter, pyarrow.ipc.new_file,"
                + " arrow-js tableToIPC(table, 'file'))", cause);
    }
}
