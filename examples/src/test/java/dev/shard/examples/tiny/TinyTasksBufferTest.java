package dev.shard.examples.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shard.examples.workload.TinyTasksWorkload;
import dev.shard.storage.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TinyTasksBufferTest {
    @Test
    void tasksWritingThroughABorrowedHandleFillTheOwnersBuffer() {
        Path path;
        try (TinyTasksBuffer buffer = TinyTasksBuffer.create(1_000)) {
            path = buffer.reference().path();
            assertEquals(0, buffer.firstMissingTask());
            try (OutputBuffer borrowed = buffer.reference().open()) {
                MemorySegment slots = borrowed.data();
                for (long task = 0; task < 1_000; task++) {
                    if (task != 417) {
                        TinyTask.run(task, 0, 0, slots);
                    }
                }
            }
            assertEquals(417, buffer.firstMissingTask());
            TinyTask.run(417, 0, 0, buffer.elements());
            assertEquals(-1, buffer.firstMissingTask());
            assertEquals(TinyTasksWorkload.referenceChecksum(1_000), buffer.checksum());
            buffer.clear();
            assertEquals(0, buffer.firstMissingTask());
            assertEquals(-1_000, buffer.checksum());
        }
        assertFalse(Files.exists(path), "closing the buffer unlinks its segment");
    }
}
