package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool reads all its workers' connections on one thread once their hellos are accepted
 * (no reader thread per connection is left to contend for the conductor's lock), a
 * connection closed by the driver still ends its worker and gets it replaced, and the
 * reading thread ends with the pool.
 */
@Tag("process")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReadLoopProcessTest {
    private static final String LOOP_THREAD = "shard-driver-reader";

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void oneThreadReadsEveryWorkerAndEndsWithThePool() throws InterruptedException {
        awaitThreads(0, 0);
        try (Pool pool = Pool.builder().workers(2).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(10_000, 1), context -> context.workerId(),
                    RunOptions.none());
            assertTrue(run.succeeded(), () -> run.report().renderText());
            assertEquals(2, run.results().stream().distinct().count(), "both workers ran shards");
            awaitThreads(1, 0);
        }
        awaitThreads(0, 0);
    }

    @Test
    void aConnectionClosedByTheDriverEndsItsWorkerWhichIsReplaced() throws InterruptedException {
        PoolContext context = new PoolContext(2, 0, 0, 0, 0, Duration.ZERO, 3, null, List.of(),
                Duration.ofSeconds(30), null);
        try (DriverConductor conductor = DriverConductor.start(context)) {
            long victim;
            synchronized (conductor) {
                victim = conductor.slots[0].pid();
                conductor.slots[0].connection.close();
            }
            synchronized (conductor) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (conductor.slots[0].pid() == victim || conductor.slots[0].state != WorkerState.READY) {
                    assertTrue(System.nanoTime() < deadline, "no replacement for " + victim);
                    conductor.waitNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
                assertNotEquals(victim, conductor.slots[0].pid());
            }
            assertTrue(ProcessHandle.of(victim).map(process -> process.onExit().orTimeout(10, TimeUnit.SECONDS)
                    .handle((exited, timeout) -> timeout == null).join()).orElse(true),
                    "the worker whose connection closed was ended");
            awaitThreads(1, 0);
        }
    }

    /** Waits until exactly {@code loops} read loops and {@code perConnection} hello readers are alive. */
    private static void awaitThreads(int loops, int perConnection) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<String> names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).filter(name -> name.startsWith(LOOP_THREAD)).toList();
            long loopThreads = names.stream().filter(LOOP_THREAD::equals).count();
            long helloThreads = names.size() - loopThreads;
            if (loopThreads == loops && helloThreads == perConnection) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "reader threads alive: " + names + ", expected " + loops
                    + " read loop(s) and " + perConnection + " per-connection reader(s)");
            Thread.sleep(20);
        }
    }
}
