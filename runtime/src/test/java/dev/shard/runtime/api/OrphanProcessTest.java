package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.testing.DriverProcess;
import dev.shard.storage.testing.ChildJvm;
import dev.shard.storage.segment.SegmentSweeper;
import dev.shard.storage.segment.StorageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Workers never outlive their driver. */
@Tag("process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrphanProcessTest {

    @Test
    void workersExitWithinSecondsWhenTheDriverIsKilled() throws Exception {
        killDriverAndExpectWorkersGone(ChildJvm.start(DriverProcess.class, "2"), 2);
    }

    @Test
    void aWorkerStuckInItsInitHookExitsWhenTheDriverIsKilled(@TempDir Path markers) throws Exception {
        killDriverAndExpectWorkersGone(ChildJvm.start(DriverProcess.class, "1", markers.toString()), 1);
    }

    private static void killDriverAndExpectWorkersGone(ChildJvm started, int count) throws Exception {
        List<ProcessHandle> workers;
        try (ChildJvm driver = started) {
            String pids = driver.awaitLine("workers:", Duration.ofSeconds(30));
            workers = Arrays.stream(pids.split(" ")).map(Long::parseLong)
                    .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
            assertEquals(count, workers.size());
            assertTrue(workers.stream().allMatch(ProcessHandle::isAlive));
            driver.process().toHandle().destroyForcibly();
            driver.process().waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (workers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Long> alive = workers.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
            workers.forEach(ProcessHandle::destroyForcibly);
            assertEquals(List.of(), alive, "workers alive 5 s after their driver was killed");
            // The dead driver's run directory (socket, logs) goes with the next sweep.
            SegmentSweeper.sweep(StorageContext.fromEnvironment());
            try (var left = Files.list(StorageContext.fromEnvironment().shmRoot())) {
                String prefix = "run-" + driver.pid() + "-";
                assertEquals(List.of(), left.map(path -> path.getFileName().toString())
                        .filter(name -> name.startsWith(prefix)).toList());
            }
        }
    }
}
