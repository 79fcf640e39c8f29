package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver whose heap (48 MiB) is a third of the sorted result (4M rows of an int, a
 * double and an int: 96 MiB of values) writes it to an Arrow file: streamed, it succeeds
 * and the file holds every row in order; made to gather the rows first, the same driver
 * runs out of memory, so the bound is what streaming buys. The same for an output buffer.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StreamedWriteMemoryProcessTest {
    private static final long ROWS = 4_000_000;

    @TempDir
    Path directory;

    @Test
    void aDriverSmallerThanTheResultStreamsItIntoTheFile() throws Exception {
        Path file = directory.resolve("sorted.arrow");
        Result streamed = driver(file, "stream");
        assertEquals(0, streamed.exit(), streamed.output());
        assertTrue(streamed.output().contains("rows=" + ROWS), streamed.output());
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            assertEquals(ROWS, table.rowCount());
            double previous = Double.NEGATIVE_INFINITY;
            for (VectorSchemaRoot batch : table.batches()) {
                Float8Vector v = (Float8Vector) batch.getVector("v");
                for (int r = 0; r < batch.getRowCount(); r++) {
                    assertTrue(v.get(r) >= previous, "sorted by v at a row of value " + v.get(r));
                    previous = v.get(r);
                }
            }
        }
        Files.delete(file);
        Result gathered = driver(file, "keep");
        assertNotEquals(0, gathered.exit(), "gathering 4M rows in a 48 MiB heap should fail:\n" + gathered.output());
        assertTrue(gathered.output().contains("OutOfMemoryError"), gathered.output());
        assertFalse(Files.exists(file), "a failed write leaves no file");
        assertFalse(Files.exists(directory.resolve("sorted.arrow.tmp")), "nor a temporary one");
        RowsStageProcessTest.assertNoStageDirectoryLeft();
    }

    /** The same for an output buffer (4M × 2 doubles, 64 MiB): checked in one pass, written in another. */
    @Test
    void aDriverSmallerThanTheResultStreamsItIntoAnOutputBuffer() throws Exception {
        try (OutputBuffer buffer = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, ROWS, 2))) {
            Result streamed = driver(buffer.path(), "stream", "buffer");
            assertEquals(0, streamed.exit(), streamed.output());
            assertTrue(streamed.output().contains("rows=" + ROWS), streamed.output());
            double previous = Double.NEGATIVE_INFINITY;
            long rowSum = 0;
            for (long i = 0; i < ROWS; i++) {
                double v = buffer.getDouble(i);
                assertTrue(v >= previous, "sorted by v at element " + i);
                previous = v;
                rowSum += (long) buffer.getDouble(ROWS + i);
            }
            assertEquals(ROWS * (ROWS - 1) / 2, rowSum, "column r holds every row number once");
            for (long i = 0; i < 2 * ROWS; i++) {
                buffer.setDouble(i, -1);
            }
            Result gathered = driver(buffer.path(), "keep", "buffer");
            assertNotEquals(0, gathered.exit(), "gathering 4M rows in a 48 MiB heap should fail:\n" + gathered.output());
            assertTrue(gathered.output().contains("OutOfMemoryError"), gathered.output());
            for (long i = 0; i < 2 * ROWS; i++) {
                assertEquals(-1.0, buffer.getDouble(i), "element " + i + " written by the failed driver");
            }
        }
        RowsStageProcessTest.assertNoStageDirectoryLeft();
    }

    private record Result(int exit, String output) {
    }

    private static Result driver(Path file, String... mode) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--enable-native-access")
                    || argument.startsWith("--sun-misc-unsafe-memory-access") || argument.startsWith("-Dshard.")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx48m", "-cp", System.getProperty("java.class.path"),
                SortToFileMain.class.getName(), Long.toString(ROWS), file.toString()));
        command.addAll(List.of(mode));
        Path log = Files.createTempFile("shard-sort-driver-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the driver did not finish in 240 s:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.delete(log);
        }
    }
}
