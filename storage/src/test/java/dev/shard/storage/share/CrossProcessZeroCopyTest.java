package dev.shard.storage.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.memory.ProcessMemory;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.testing.ChildJvm;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The central promise: a child JVM with a 64 MiB heap sums a 1 GiB shared matrix, and
 * its private memory (RssAnon, read by this process from /proc) barely moves — the data
 * was read where it lies, not copied.
 */
@Tag("process")
class CrossProcessZeroCopyTest {
    private static final long ROWS = 1L << 17;
    private static final long COLUMNS = 1L << 10;
    private static final long INPUT_BYTES = ROWS * COLUMNS * Double.BYTES;
    private static final int PATTERN = 1024;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void childSumsOneGibibyteMatrixWithoutCopyingIt() throws Exception {
        try (SharedInput input = fillMatrix();
                ChildJvm child = ChildJvm.start(MatrixSumChild.class, List.of("-Xmx64m"), input.handle().encode())) {
            child.awaitLine("mapped", Duration.ofMinutes(1));
            long before = privateBytes(child);
            OutputStream commands = child.process().getOutputStream();
            send(commands, "sum");
            double sum = Double.parseDouble(child.awaitLine("summed", Duration.ofMinutes(2)));
            long after = privateBytes(child);
            send(commands, "exit");
            child.awaitSuccess(Duration.ofMinutes(1));

            long elements = ROWS * COLUMNS;
            double expected = (double) (elements / PATTERN) * (PATTERN * (PATTERN - 1L) / 2);
            assertEquals(expected, sum, "the child read every element");
            long growth = after - before;
            System.out.printf("child private memory: before %d MiB, after %d MiB, growth %d KiB for a %d MiB input%n",
                    before >> 20, after >> 20, growth >> 10, INPUT_BYTES >> 20);
            assertTrue(growth < INPUT_BYTES / 20, "the child's private memory grew by " + growth
                    + " bytes while summing " + INPUT_BYTES + " shared bytes: that is a copy");
        }
    }

    /** Element k (column-major) is k mod 1024, written in place through the writer's columns. */
    private static SharedInput fillMatrix() {
        try (SharedWriter writer = Shared.allocateMatrix(ROWS, COLUMNS, Backing.SHM)) {
            for (long column = 0; column < COLUMNS; column++) {
                MemorySegment slice = writer.column(column);
                long first = column * ROWS;
                for (long row = 0; row < ROWS; row++) {
                    slice.setAtIndex(ValueLayout.JAVA_DOUBLE, row, (double) ((first + row) % PATTERN));
                }
            }
            return writer.publish();
        }
    }

    private static long privateBytes(ChildJvm child) {
        return ProcessMemory.read(child.pid()).orElseThrow(() -> new AssertionError("child is gone")).privateBytes();
    }

    private static void send(OutputStream commands, String command) throws Exception {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    @AfterAll
    static void nothingOfOursIsLeft() throws Exception {
        SharedStorageChecks.assertNoSharedFilesLeft("shared-");
    }
}
