package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.share.SharedWriter;
import dev.shard.storage.testing.IsolatedStoreTest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/**
 * A write into a mapped page with no storage behind it (the file was truncated under
 * the mapping) is a SIGBUS, which the JVM raises as an {@code InternalError}; through
 * our API it must be a {@link StorageException} naming the segment and its file system.
 */
class WriteFaultTest extends IsolatedStoreTest {
    private static final long MIB = 1L << 20;

    @Test
    void segmentWriteIntoATruncatedFileIsAStorageError() throws Exception {
        try (Segment segment = store.create("cut", 4 * MIB, Backing.SHM)) {
            truncate(segment.path());
            StorageException error = assertThrows(StorageException.class, () -> segment.setDouble(3 * MIB, 1.0));
            assertFault(error, segment.path());
        }
    }

    @Test
    void outputBufferWriteIntoATruncatedFileIsAStorageError() throws Exception {
        try (OutputBuffer buffer = OutputBuffer.create(store, BufferSpec.vector(ElementType.DOUBLE, MIB))) {
            truncate(buffer.path());
            StorageException error = assertThrows(StorageException.class,
                    () -> buffer.write(MIB / 2, new double[] {1, 2, 3}));
            assertFault(error, buffer.path());
            StorageException single = assertThrows(StorageException.class, () -> buffer.setDouble(MIB - 1, 4.0));
            assertFault(single, buffer.path());
        }
    }

    @Test
    void sharedWriterWriteIntoATruncatedFileIsAStorageError() throws Exception {
        try (SharedWriter writer = SharedWriter.allocate(ElementType.DOUBLE, new long[] {MIB}, Backing.MMAP, store)) {
            Path file = store.owned().getFirst().path();
            truncate(file);
            StorageException error = assertThrows(StorageException.class, () -> writer.setDouble(MIB - 1, 2.0));
            assertFault(error, file);
            truncate(file, 0);
            StorageException header = assertThrows(StorageException.class, writer::publish);
            assertFault(header, file);
            assertTrue(header.getMessage().startsWith("cannot write the array header"), header.getMessage());
        }
    }

    /** Keeps the first page so the header survives; everything past it loses its storage. */
    private static void truncate(Path file) throws IOException {
        truncate(file, 4096);
    }

    private static void truncate(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
        }
    }

    private static void assertFault(StorageException error, Path segment) {
        String message = error.getMessage();
        assertTrue(message.contains("of segment " + segment), message);
        assertTrue(message.contains("the memory access faulted") && message.contains("truncated"), message);
        assertTrue(message.contains("df -h " + segment.getParent()), message);
        assertEquals(InternalError.class, error.getCause().getClass(), "the JVM's fault is kept as the cause");
    }
}
