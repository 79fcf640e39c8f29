package dev.shard.storage.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedInfo;
import dev.shard.storage.share.SharedStorageChecks;
import dev.shard.storage.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SharedArrowTableTest {
    private BufferAllocator allocator;

    @BeforeEach
    void allocate() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void noLeaks() {
        allocator.close();
    }

    @Test
    void sharedTableOpensZeroCopyInThisProcess() {
        try (VectorSchemaRoot first = ArrowFixtures.sampleTable(allocator, 0, 300);
                VectorSchemaRoot second = ArrowFixtures.sampleTable(allocator, 300, 77);
                SharedTableInput input = ArrowShare.share(List.of(first, second), Backing.SHM);
                SharedArrowTable table = input.handle().open()) {
            assertEquals(377, table.rowCount());
            ArrowFixtures.assertSampleValues(table.batch(0), 0);
            ArrowFixtures.assertSampleValues(table.batch(1), 300);
            for (FieldVector vector : table.batch(1).getFieldVectors()) {
                assertTrue(table.isInMapping(vector.getDataBuffer()), vector.getName() + " was copied");
            }
            assertTrue(Shared.isShared(table));
            SharedInfo info = Shared.sharedInfo(table);
            assertEquals("arrow", info.type());
            assertEquals(377, info.shape()[0]);
            assertEquals(5, info.shape()[1]);
            assertTrue(Shared.sharedInfo(input).ownedHere());
            assertEquals(input.handle(), SharedTableHandle.decode(input.handle().encode()));
        }
    }

    @Test
    void releasedTableStaysReadableForOpenViewsButCannotBeOpenedAgain() {
        SharedTableHandle handle;
        try (VectorSchemaRoot rows = ArrowFixtures.sampleTable(allocator, 0, 50)) {
            SharedTableInput input = ArrowShare.share(rows);
            handle = input.handle();
            try (SharedArrowTable table = handle.open()) {
                input.close();
                assertFalse(Files.exists(Path.of(handle.path())));
                ArrowFixtures.assertSampleValues(table.batch(0), 0);
            }
        }
        var error = assertThrows(StorageException.class, handle::open);
        assertTrue(error.getMessage().contains("was released by its owner"), error.getMessage());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void childJvmReadsTheSharedTable() throws Exception {
        try (VectorSchemaRoot first = ArrowFixtures.sampleTable(allocator, 0, 5000);
                VectorSchemaRoot second = ArrowFixtures.sampleTable(allocator, 5000, 1234);
                SharedTableInput input = ArrowShare.share(List.of(first, second), Backing.AUTO);
                ChildJvm child = ChildJvm.start(ArrowTableChild.class, List.of("-Xmx64m"), input.handle().encode())) {
            String output = child.awaitSuccess(Duration.ofMinutes(1));
            assertTrue(output.contains("rows 6234"), output);
            for (FieldVector vector : first.getFieldVectors()) {
                String name = vector.getName();
                long nulls = vector.getNullCount() + second.getVector(name).getNullCount();
                long checksum = ArrowTableChild.checksum(vector) + ArrowTableChild.checksum(second.getVector(name));
                String expected = "column " + name + " nulls=" + nulls + " checksum=" + checksum + " inMapping=true";
                assertTrue(output.contains(expected), "expected '" + expected + "' in:\n" + output);
            }
        }
    }

    @AfterAll
    static void nothingOfOursIsLeft() throws Exception {
        SharedStorageChecks.assertNoSharedFilesLeft("table-");
    }
}
