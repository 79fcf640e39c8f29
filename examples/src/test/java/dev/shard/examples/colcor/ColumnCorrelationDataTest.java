package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.storage.StorageException;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ColumnCorrelationDataTest {
    @Test
    void dataThatCannotFitIsRefusedBeforeAnythingIsAllocated() {
        int ownedBefore = SegmentStore.shared().owned().size();
        StorageException error = assertThrows(StorageException.class,
                () -> ColumnCorrelationData.ensureRoom(10_000_000, 100_000));
        assertTrue(error.getMessage().contains("needs 7.28 TiB") && error.getMessage().contains("SHARD_SPILL_DIR"),
                error.getMessage());
        assertEquals(ownedBefore, SegmentStore.shared().owned().size(), "nothing was created");
        ColumnCorrelationData.ensureRoom(10_000, 2_000);
    }

    @Test
    void generatesXAndYInSharedMemoryThatABorrowerReadsWithTheirShape() {
        int rows = 500;
        int columns = 9;
        Path matrixPath;
        Path outputPath;
        long copiedBefore = CopyLedger.snapshot().bytes();
        try (ColumnCorrelationData data = ColumnCorrelationData.generate(rows, columns)) {
            matrixPath = data.matrixReference().path();
            outputPath = data.correlationReference().path();
            assertTrue(Files.exists(matrixPath));
            try (OutputBuffer matrix = data.matrixReference().open()) {
                assertEquals(rows, matrix.rows());
                assertEquals(columns, matrix.columns());
                assertEquals(ColumnCorrelationWorkload.x(321, 7), matrix.getDouble(matrix.indexOf(321, 7)));
            }
            try (OutputBuffer output = data.correlationReference().open()) {
                assertEquals(columns, output.length());
                assertTrue(Double.isNaN(output.getDouble(3)), "r starts as NaN");
            }
            assertEquals(ColumnCorrelationWorkload.y(499),
                    data.yElements().getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, 499));
        }
        assertEquals(copiedBefore, CopyLedger.snapshot().bytes(), "generating and reading copied nothing");
        assertFalse(Files.exists(matrixPath), "closing the data unlinks X");
        assertFalse(Files.exists(outputPath), "closing the data unlinks r");
    }

    @Test
    void checksumSumsTheOutputBufferWhichIsNaNUntilWritten() throws Exception {
        int rows = 2_000;
        int columns = 64;
        try (ColumnCorrelationData data = ColumnCorrelationData.generate(rows, columns);
                var loop = new InProcessColumnCorrelation(2)) {
            assertTrue(Double.isNaN(data.checksum()));
            assertEquals(0, data.firstUnwrittenColumn());
            loop.correlate(data.matrixElements(), data.yElements(), rows, columns, data.correlationElements());
            double reference = ColumnCorrelationWorkload.referenceChecksum(rows, columns);
            assertEquals(reference, data.checksum(), Math.abs(reference) * 1e-12);
            assertEquals(-1, data.firstUnwrittenColumn());
            data.clearCorrelations();
            assertTrue(Double.isNaN(data.checksum()));
            data.correlationElements().setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, 0.5);
            data.correlationElements().setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, 1, 0.0 / 0.0);
            assertEquals(2, data.firstUnwrittenColumn(), "a computed NaN is a written value");
        }
    }
}
