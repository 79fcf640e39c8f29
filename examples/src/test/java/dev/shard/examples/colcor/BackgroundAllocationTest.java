package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.storage.StorageException;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The colcor data allocated on a thread of its own: handed over once, released when nobody took it. */
class BackgroundAllocationTest {
    @Test
    void theTakenDataIsTheCallersAndOutlivesTheAllocation() {
        Path matrix;
        try (BackgroundAllocation allocation = BackgroundAllocation.start(300, 4)) {
            try (ColumnCorrelationData data = allocation.take()) {
                matrix = data.matrixReference().path();
                allocation.close();
                assertTrue(Files.exists(matrix), "closing the allocation after take() left the data alone");
                assertEquals(ColumnCorrelationWorkload.y(299),
                        data.yElements().getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, 299));
            }
        }
        assertFalse(Files.exists(matrix), "closing the data unlinked X");
    }

    @Test
    void dataNobodyTookIsReleasedOnClose() {
        int ownedBefore = SegmentStore.shared().owned().size();
        BackgroundAllocation allocation = BackgroundAllocation.start(300, 4);
        allocation.close();
        assertEquals(ownedBefore, SegmentStore.shared().owned().size(), "X, y and r were unlinked");
    }

    @Test
    void anAllocationFailureIsRethrownAsItWasThrown() {
        try (BackgroundAllocation allocation = BackgroundAllocation.start(10_000_000, 100_000)) {
            StorageException error = assertThrows(StorageException.class, allocation::take);
            assertTrue(error.getMessage().contains("needs 7.28 TiB"), error.getMessage());
        }
    }

    @Test
    void dataThatCannotFitIsRefusedBeforeAnythingIsAllocated() {
        int ownedBefore = SegmentStore.shared().owned().size();
        StorageException error = assertThrows(StorageException.class,
                () -> ColumnCorrelationData.ensureRoom(10_000_000, 100_000));
        assertTrue(error.getMessage().contains("needs 7.28 TiB") && error.getMessage().contains("SHARD_SPILL_DIR"),
                error.getMessage());
        assertEquals(ownedBefore, SegmentStore.shared().owned().size());
        ColumnCorrelationData.ensureRoom(10_000, 2_000);
    }
}
