package dev.shard.storage.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import org.junit.jupiter.api.Test;

/**
 * A shared handle reads an output buffer's elements in place, read-only (a script scans a
 * matrix it filled as a table); a handle whose shape or offset disagrees with the buffer's
 * descriptor is still refused as stale.
 */
class OutputBufferHandleTest {
    private static SharedHandle handleOf(OutputBuffer buffer, long... shape) {
        return new SharedHandle(buffer.path().toString(), buffer.info().backing(), buffer.descriptor().dataOffset(),
                buffer.descriptor().dataBytes(), ElementType.DOUBLE, shape);
    }

    @Test
    void aMatrixBufferOpensAsASharedMatrix() {
        try (OutputBuffer buffer = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, 3, 2))) {
            for (int i = 0; i < 6; i++) {
                buffer.setDouble(i, 10.0 * i);
            }
            try (SharedMatrix matrix = handleOf(buffer, 3, 2).openMatrix()) {
                assertEquals(3, matrix.rows());
                assertEquals(2, matrix.columns());
                assertEquals(40.0, matrix.get(1, 1), "column-major: (1, 1) is element 4");
            }
        }
    }

    @Test
    void aHandleThatDisagreesWithTheBufferIsRefused() {
        try (OutputBuffer buffer = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, 3, 2))) {
            StorageException stale = assertThrows(StorageException.class, () -> handleOf(buffer, 2, 3).open());
            assertTrue(stale.getMessage().contains("the handle is stale or for another segment"), stale.getMessage());
        }
    }
}
