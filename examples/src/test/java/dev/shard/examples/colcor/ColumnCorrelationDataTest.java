package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Segment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ColumnCorrelationDataTest {
    @Test
    void generatesXAndYInSharedSegmentsThatABorrowerReadsWithTheirShape() {
        int rows = 500;
        int columns = 9;
        Path matrixPath;
        try (ColumnCorrelationData data = ColumnCorrelationData.generate(rows, columns)) {
            matrixPath = Path.of(data.matrixReference().path());
            assertTrue(Files.exists(matrixPath));
            assertEquals(Access.READ_ONLY, data.matrixReference().access());
            assertEquals(Access.READ_WRITE, data.correlationReference().access());
            try (Segment borrowed = data.matrixReference().open()) {
                assertTrue(borrowed.isReadOnly());
                ArrayDescriptor descriptor = ArrayDescriptor.read(borrowed);
                assertEquals(ElementType.DOUBLE, descriptor.type());
                assertEquals(rows, descriptor.dims()[0]);
                assertEquals(columns, descriptor.dims()[1]);
                long index = 7L * rows + 321;
                assertEquals(ColumnCorrelationWorkload.x(321, 7),
                        borrowed.getDouble(descriptor.dataOffset() + index * Double.BYTES));
            }
            assertEquals(ColumnCorrelationWorkload.y(499),
                    data.yElements().getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, 499));
        }
        assertFalse(Files.exists(matrixPath), "closing the data unlinks its segments");
    }

    @Test
    void checksumSumsTheOutputBufferWhichIsNaNUntilWritten() throws Exception {
        int rows = 2_000;
        int columns = 64;
        try (ColumnCorrelationData data = ColumnCorrelationData.generate(rows, columns);
                var loop = new InProcessColumnCorrelation(2)) {
            assertTrue(Double.isNaN(data.checksum()));
            loop.correlate(data.matrixElements(), data.yElements(), rows, columns, data.correlationElements());
            double reference = ColumnCorrelationWorkload.referenceChecksum(rows, columns);
            assertEquals(reference, data.checksum(), Math.abs(reference) * 1e-12);
            data.clearCorrelations();
            assertTrue(Double.isNaN(data.checksum()));
        }
    }
}
