package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every engine benchmark once at a small size on real workers, so the harness does not
 * rot: each run inside is checked against its checksum (a wrong answer throws), and the
 * report names every measurement and target.
 */
class EngineBenchmarksTest {
    @Test
    void everyBenchmarkRunsOnceAtASmallSizeAndChecksItsResult(@TempDir Path temporary) throws Exception {
        Path data = temporary.resolve("data");
        var options = new EngineBenchmarks.Options(1, 0, 200_000, 300_000L * ScanBenchmark.BYTES_PER_ROW, 4L << 30,
                data);
        String report = EngineBenchmarks.run(options);
        for (String expected : new String[] {"W2 groupagg, 1-thread Java loop", "W2 groupagg, 2-thread Java loop",
                "W2 groupagg, DuckDB (threads=2)", "W2 groupagg, engine 2 workers, generated in workers",
                "W2 groupagg, engine 2 workers, Arrow IPC file (zero-copy scan)", "W3 filter-derive-agg, DuckDB",
                "scan + filter + aggregate, engine 2 workers", "scan, sequential read of the mapping",
                "W2, 2 workers, pinned 64K", "W3, 1 worker, pinned 4M", "W3, 1 worker, tuner"}) {
            assertTrue(report.contains(expected), () -> "no '" + expected + "' in the report:\n" + report);
        }
        long targets = report.lines().filter(l -> l.endsWith("| met |") || l.endsWith("| **not met** |")
                || l.endsWith(" (the read was disturbed: re-run on a quiet machine) |")).count();
        assertEquals(4 * 2 + 2 + 4 * 2, targets, report);
        assertFalse(Files.exists(data), "the Arrow files' directory is removed after the run");
    }
}
