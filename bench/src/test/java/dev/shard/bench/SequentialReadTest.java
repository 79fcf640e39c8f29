package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan benchmark's sequential read in a JVM of its own: a real child reads the file's
 * mapping and gets bit for bit the sum this process gets over the same mapping; its answers
 * are parsed exactly, and anything else is refused with the line it said.
 */
class SequentialReadTest {
    @Test
    void theChildReadsTheSameSumAsThisProcessRoundAfterRound(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("scan.arrow");
        ScanBenchmark.writeFile(file, 100_000);
        double here;
        long columnBytes;
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            List<MemorySegment> doubles = new ArrayList<>();
            List<MemorySegment> ints = new ArrayList<>();
            ScanBenchmark.columns(table, doubles, ints);
            here = ScanBenchmark.sequentialSum(doubles, ints);
            columnBytes = doubles.stream().mapToLong(MemorySegment::byteSize).sum()
                    + ints.stream().mapToLong(MemorySegment::byteSize).sum();
        }
        SequentialRead read = SequentialRead.start(file);
        try (read) {
            assertEquals(100_000L * ScanBenchmark.BYTES_PER_ROW, read.columnBytes());
            assertEquals(columnBytes, read.columnBytes());
            for (int round = 0; round < 3; round++) {
                SequentialRead.Reading reading = read.read();
                assertEquals(Double.doubleToRawLongBits(here), Double.doubleToRawLongBits(reading.total()),
                        "round " + round + ": " + reading.total() + " against " + here);
                assertTrue(reading.wallNanos() > 0 && reading.cpuNanos() > 0, reading.toString());
            }
        }
        assertFalse(read.isAlive(), "closing ends the child");
    }

    @Test
    void answersAreParsedExactly() {
        var reading = new SequentialRead.Reading(123_456_789L, 98_765L, -0.1 + 4.5e9);
        assertEquals(reading, SequentialRead.parseReading(SequentialRead.formatReading(reading)));
        assertEquals(reading.total(), SequentialRead.parseReading("read 123456789 98765 " + Long.toHexString(Double
                .doubleToRawLongBits(-0.1 + 4.5e9))).total());
        assertEquals(2_147_483_648L, SequentialRead.parseReady("ready 2147483648"));
    }

    @Test
    void otherAnswersAreRefusedWithWhatTheChildSaid() {
        String[][] cases = {
            {"read 1 2", "the sequential read's JVM said 'read 1 2', expected 'read <wall ns> <cpu ns> <sum bits in"
                    + " hex>'"},
            {"Exception in thread \"main\"", "the sequential read's JVM said 'Exception in thread \"main\"', expected"
                    + " 'read <wall ns> <cpu ns> <sum bits in hex>'"},
            {"read 1 2 xyz", "the sequential read's sum 'xyz' in 'read 1 2 xyz' is not a double's bits in hex"},
            {"read -5 2 0", "'-5' in the sequential read's answer 'read -5 2 0' is not a count of nanoseconds or"
                    + " bytes"},
        };
        for (String[] c : cases) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> SequentialRead.parseReading(c[0]), c[0]);
            assertEquals(c[1], error.getMessage());
        }
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SequentialRead.parseReady("ready"));
        assertEquals("the sequential read's JVM said 'ready', expected 'ready <column bytes>'", error.getMessage());
    }

    @Test
    void theChildGetsThisJvmsFlagsButNoDebuggerRecordingOrAgent() {
        assertEquals(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"),
                SequentialRead.inheritedOptions(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "-agentlib:jdwp=transport=dt_socket,server=y", "-XX:StartFlightRecording=filename=a.jfr",
                        "-Xmx4g", "-javaagent:/tmp/agent.jar")));
    }
}
