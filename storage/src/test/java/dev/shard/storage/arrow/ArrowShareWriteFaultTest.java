package dev.shard.storage.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.testing.IsolatedStoreTest;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Sharing an Arrow table copies its IPC bytes into a segment. If the segment's file loses
 * its storage under the mapping (truncated here, as a full tmpfs does to an unreserved
 * file), the copy faults; the caller must see a {@link StorageException} naming the
 * segment and its file system, never the JVM's {@code InternalError}. Truncation needs no
 * privileges, so this runs everywhere.
 */
class ArrowShareWriteFaultTest extends IsolatedStoreTest {
    private static final long PAGE = 4096;

    @Test
    void copyIntoATruncatedSegmentIsAStorageErrorNamingTheSegment() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot table = ArrowFixtures.sampleTable(allocator, 0, 10_000);
                Segment segment = store.create("table-cut", 1L << 20, Backing.SHM)) {
            try (FileChannel file = FileChannel.open(segment.path(), StandardOpenOption.WRITE)) {
                file.truncate(PAGE);
            }
            StorageException error = assertThrows(StorageException.class,
                    () -> ArrowShare.writeInto(List.of(table), segment));
            String message = error.getMessage();
            assertTrue(message.startsWith("cannot copy "), message);
            assertTrue(message.contains("bytes of an Arrow table at offset "), message);
            assertTrue(message.contains("of segment " + segment.path()), message);
            assertTrue(message.contains("the memory access faulted") && message.contains("its file system"), message);
            assertTrue(message.contains("df -h " + segment.path().getParent()), message);
            assertEquals(InternalError.class, error.getCause().getClass(), "the JVM's fault is kept as the cause");
        }
    }
}
