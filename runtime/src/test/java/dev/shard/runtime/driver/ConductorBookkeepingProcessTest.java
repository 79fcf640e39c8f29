package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.testing.WorkerProcesses;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A long-lived pool that replaces workers keeps only the processes still alive. */
@Tag("process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConductorBookkeepingProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void replacedWorkersAreForgotten() throws InterruptedException {
        PoolContext context = new PoolContext(1, 0, 0, 0, 0, Duration.ZERO, 3, null, List.of(),
                Duration.ofSeconds(30), null);
        try (DriverConductor conductor = DriverConductor.start(context)) {
            for (int round = 0; round < 3; round++) {
                long victim;
                synchronized (conductor) {
                    victim = conductor.slots[0].pid();
                }
                ProcessHandle process = ProcessHandle.of(victim).orElseThrow();
                process.destroyForcibly();
                process.onExit().join();
                awaitReplacement(conductor, victim);
            }
            int tracked = 0;
            for (int i = 0; i < 200; i++) {
                tracked = conductor.trackedWorkers();
                if (tracked == 1) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals(1, tracked, "workers whose process exited are still tracked");
        }
    }

    private static void awaitReplacement(DriverConductor conductor, long victim) throws InterruptedException {
        synchronized (conductor) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (conductor.slots[0].pid() == victim || conductor.slots[0].state != WorkerState.READY) {
                assertTrue(System.nanoTime() < deadline, "no replacement for " + victim);
                conductor.waitNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }
}
