package dev.shard.runtime.api;

import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.task.WorkerInit;
import dev.shard.runtime.testing.WorkerProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * Writes init-<pid> and registers a shutdown hook that takes a while, then writes marker-<pid>: it
     * shows the hook ran to its end. Both hold System.nanoTime(), which on Linux is CLOCK_MONOTONIC,
     * one clock for every process on the machine, so the files order events across workers.
     */
    public static final class SlowHookInit implements WorkerInit {
        @Override
        public void initialize(int workerId) throws IOException {
            Path directory = Path.of(System.getProperty(MARKER_DIRECTORY));
            long pid = ProcessHandle.current().pid();
            Files.writeString(directory.resolve("init-" + pid), Long.toString(System.nanoTime()));
            Path marker = directory.resolve("marker-" + pid);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(300);
                    Files.writeString(marker, Long.toString(System.nanoTime()));
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
        return times(directory, "marker-").keySet();
    }

    /** pid → the nanoTime written in each {@code <prefix><pid>} file. */
    private static Map<Long, Long> times(Path directory, String prefix) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix))
                    .collect(Collectors.toMap(
                            file -> Long.parseLong(file.getFileName().toString().substring(prefix.length())),
                            GracefulStopProcessTest::readTime));
        }
    }

    private static long readTime(Path file) {
        try {
            return Long.parseLong(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The most workers that were between their initialization and the end of their shutdown hook
     * at one moment; a worker whose hook has not ended yet counts to the end.
     */
    private static int mostAliveAtOnce(Path directory) throws IOException {
        Map<Long, Long> ends = times(directory, "marker-");
        List<long[]> events = new ArrayList<>();
        times(directory, "init-").forEach((pid, start) -> {
            events.add(new long[] {start, 1});
            events.add(new long[] {ends.getOrDefault(pid, Long.MAX_VALUE), -1});
        });
        // At equal times an end comes before a start: the hook finished, then the next one started.
        events.sort(Comparator.<long[]>comparingLong(event -> event[0]).thenComparingLong(event -> event[1]));
        int alive = 0;
        int most = 0;
        for (long[] event : events) {
            alive += (int) event[1];
            most = Math.max(most, alive);
        }
        return most;
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
    void aRecycledWorkerFinishesItsShutdownHooksBeforeItsReplacementInitializes(@TempDir Path markers)
            throws Exception {
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
            // Two slots: a replacement that initialized while its predecessor's hook still ran makes three.
            assertEquals(2, mostAliveAtOnce(markers), "a replacement initialized before its predecessor's hook ended");
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
