package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.testing.WorkerProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code -Dshard.worker.timings}: each worker's start-up steps, and the driver's, in the order
 * they happen; and a run right after the start works (Netty's logging, the JDK's logger lookup
 * and the memory-access set-up are made after the hello).
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartTimingsProcessTest {
    private static final String PROPERTY = "shard.worker.timings";
    private static final List<String> WORKER_STEPS = List.of("main entered", "driver watch started", "conductor made",
            "socket opened", "connected", "hello written", "frame buffer made", "frames ready");

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void workersRecordEachStepInOrderAndTheFirstRunRightAfterTheStartWorks() throws Exception {
        Path file = Files.createTempFile("shard-start-timings", ".txt");
        System.setProperty(PROPERTY, file.toString());
        try {
            try (Pool pool = Pool.builder().workers(2).start()) {
                System.clearProperty(PROPERTY);
                assertEquals(10, pool.poolLapply(List.of(1, 2, 3, 4), i -> i).results().stream()
                        .mapToInt(Integer::intValue).sum());
            }
            List<String> lines = Files.readAllLines(file);
            List<String> workers = lines.stream().filter(line -> line.startsWith("worker ")).toList();
            assertEquals(2, workers.size(), () -> String.join("\n", lines));
            for (String line : workers) {
                assertEquals(WORKER_STEPS, names(line), line);
                List<Double> millis = values(line);
                for (int step = 1; step < millis.size(); step++) {
                    assertTrue(millis.get(step) >= millis.get(step - 1), "steps out of order: " + line);
                }
            }
            String driver = lines.stream().filter(line -> line.startsWith("driver ")).findFirst().orElseThrow();
            assertTrue(names(driver).contains("all connected"), driver);
        } finally {
            System.clearProperty(PROPERTY);
            Files.deleteIfExists(file);
        }
    }

    /** "worker 0 ms after spawn: main entered 61.2, socket opened 80.1" → its step names. */
    private static List<String> names(String line) {
        List<String> names = new ArrayList<>();
        for (String step : line.substring(line.indexOf(": ") + 2).split(", ")) {
            names.add(step.substring(0, step.lastIndexOf(' ')));
        }
        return names;
    }

    private static List<Double> values(String line) {
        List<Double> values = new ArrayList<>();
        for (String step : line.substring(line.indexOf(": ") + 2).split(", ")) {
            values.add(Double.parseDouble(step.substring(step.lastIndexOf(' ') + 1)));
        }
        return values;
    }
}
