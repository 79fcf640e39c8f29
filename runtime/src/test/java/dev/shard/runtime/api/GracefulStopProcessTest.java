package dev.shard.runtime.api;

import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.task.WorkerInit;
import dev.shard.runtime.testing.WorkerProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stops and recycles are graceful: workers' shutdown hooks run to the end; a worker that hangs is killed. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulStopProcessTest {
    static final String MARKER_DIRECTORY = "shard.test.markers";

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    /** Registers a shutdown hook that takes a while, then writes marker-<pid>: it shows the hook ran to its end. */
    public static final class SlowHookInit implements WorkerInit {
        @Override
        public void initialize(int workerId) {
            Path marker = Path.of(System.getProperty(MARKER_DIRECTORY)).resolve("marker-" + ProcessHandle.current().pid());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(300);
                    Files.writeString(marker, "done");
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    /** A shutdown hook that never ends. */
    public static final class HangingHookInit implements WorkerInit {
        @Override
        public void initialize(int workerId) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(TimeUnit.HOURS.toMillis(1));
                } catch (InterruptedException ignored) {
                    // Ended by the kill.
                }
            }));
        }
    }

    private static Set<Long> markers(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(file -> Long.parseLong(file.getFileName().toString().substring("marker-".length())))
                    .collect(Collectors.toSet());
        }
    }

    private static Set<Long> pids(Pool pool) {
        return pool.status().workers().stream().map(PoolStatus.WorkerStatus::pid).collect(Collectors.toSet());
    }

    @Test
    void stopLetsEveryWorkerFinishItsShutdownHooks(@TempDir Path markers) throws Exception {
        Set<Long> pids;
        try (Pool pool = Pool.builder().workers(2).initHook(SlowHookInit.class)
                .workerJvmOptions(List.of("-D" + MARKER_DIRECTORY + "=" + markers)).start()) {
            pids = pids(pool);
        }
        assertEquals(pids, markers(markers), "every stopped worker ran its shutdown hook to the end");
    }

    @Test
    void aRecycledWorkerFinishesItsShutdownHooksBeforeItsReplacementStarts(@TempDir Path markers) throws Exception {
        try (Pool pool = Pool.builder().workers(2).maxTasksPerWorker(3).initHook(SlowHookInit.class)
                .workerJvmOptions(List.of("-D" + MARKER_DIRECTORY + "=" + markers)).start()) {
            Run<Long> run = pool.shardMap(Shards.contiguous(12, 1), context -> ProcessHandle.current().pid(),
                    RunOptions.none());
            assertTrue(run.succeeded(), () -> run.report().renderText());
            Set<Long> recycled = new HashSet<>(run.results());
            recycled.removeAll(pids(pool));
            assertTrue(recycled.size() >= 2, () -> "expected recycles: " + run.report().renderText());
            Set<Long> marked = markers(markers);
            assertTrue(marked.containsAll(recycled), "recycled " + recycled + " but hooks finished only in " + marked);
        }
    }

    @Test
    void aRecycledWorkerWhoseShutdownHookHangsDoesNotStallTheRun() {
        try (Pool pool = Pool.builder().workers(1).maxTasksPerWorker(2).initHook(HangingHookInit.class).start()) {
            Run<Long> run = pool.shardMap(Shards.contiguous(4, 1), context -> ProcessHandle.current().pid(),
                    RunOptions.none());
            assertTrue(run.succeeded(), () -> run.report().renderText());
            assertTrue(new HashSet<>(run.results()).size() >= 2, () -> run.report().renderText());
        }
    }

    @Test
    void aWorkerWhoseShutdownHookHangsHaltsItselfWithoutWaitingForTheDriver() throws InterruptedException {
        Pool pool = Pool.builder().workers(1).initHook(HangingHookInit.class).start();
        List<ProcessHandle> workers = WorkerProcesses.ours();
        long started = System.nanoTime();
        pool.stop(Duration.ofSeconds(60));
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive), "a hanging worker outlived stop()");
        // The worker's own guard halts it after 2 s; without it, stop() would wait its full minute.
        assertTrue(stopMillis < 30_000, "stop took " + stopMillis + " ms");
    }

    @Test
    void aWorkerWhoseShutdownHookHangsIsKilledWhenTheStopTimeoutEnds() throws InterruptedException {
        Pool pool = Pool.builder().workers(1).initHook(HangingHookInit.class).start();
        List<ProcessHandle> workers = WorkerProcesses.ours();
        long started = System.nanoTime();
        pool.stop(Duration.ofMillis(500));
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive), "a hanging worker outlived stop()");
        // Generous: the point is that stop() does not wait for the hook (an hour).
        assertTrue(stopMillis < 10_000, "stop took " + stopMillis + " ms");
    }
}
