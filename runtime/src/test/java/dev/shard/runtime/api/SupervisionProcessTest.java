package dev.shard.runtime.api;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.task.WorkerInit;
import dev.shard.runtime.testing.WorkerProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recycling by task count and hard limit, Java OOM deaths, init hooks, copy reports. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SupervisionProcessTest {
    private static final long MIB = 1024 * 1024;
    static final List<byte[]> HELD = new ArrayList<>();

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void workersAreRecycledAfterMaxTasksOneAtATime() throws InterruptedException {
        try (Pool pool = Pool.builder().workers(3).maxTasksPerWorker(10).start()) {
            java.util.concurrent.CompletableFuture<Run<Long>> running = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> pool.shardMap(Shards.contiguous(50, 1), context -> {
                        Thread.sleep(5);
                        return ProcessHandle.current().pid();
                    }, RunOptions.none()));
            int mostBeingReplaced = 0;
            while (!running.isDone()) {
                long replacing = pool.status().workers().stream().filter(w -> !w.state().equals("READY")).count();
                mostBeingReplaced = Math.max(mostBeingReplaced, (int) replacing);
                Thread.sleep(2);
            }
            Run<Long> run = running.join();
            assertEquals(1, mostBeingReplaced, "recycles are staggered: one slot at a time");
            assertTrue(run.succeeded(), () -> run.report().renderText());
            // No process ran more than 10 tasks.
            java.util.Map<Long, Long> perProcess = run.results().stream()
                    .collect(java.util.stream.Collectors.groupingBy(pid -> pid, java.util.stream.Collectors.counting()));
            assertTrue(perProcess.values().stream().allMatch(count -> count <= 10), perProcess::toString);
            assertTrue(perProcess.size() >= 5, perProcess::toString);
            RunReport report = run.report();
            assertTrue(report.recycles().size() >= 3, report::renderText);
            assertTrue(report.recycles().stream().allMatch(r -> r.reason().equals("maxTasks")), report::renderText);
            assertEquals(0, report.deaths().size());
            assertEquals(3, pool.status().workers().stream().filter(w -> w.state().equals("READY")).count());
        }
    }

    @Test
    void aWorkerOverTheHardLimitIsKilledAtOnceAndItsTaskRunsElsewhere() {
        try (Pool pool = Pool.builder().workers(2).hardLimit(400 * MIB)
                // A heap big enough for the 600 MiB: the hard limit acts, not a Java OutOfMemoryError.
                .workerJvmOptions(List.of("-Xmx1g")).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(6, 1), context -> {
                if (context.shard().id() == 2 && context.attempt() == 1) {
                    for (int i = 0; i < 60; i++) {
                        byte[] block = new byte[(int) (10 * MIB)];
                        java.util.Arrays.fill(block, (byte) 1);
                        HELD.add(block);
                    }
                    Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                }
                return context.attempt();
            }, RunOptions.none());
            RunReport report = run.report();
            assertTrue(run.succeeded(), report::renderText);
            assertEquals(2, run.results().get(2), "shard 2 ran again");
            assertEquals(1, report.recycles().size(), report::renderText);
            assertEquals("hardLimit", report.recycles().getFirst().reason());
            assertTrue(report.recycles().getFirst().privateBytes() > 400 * MIB, report::renderText);
        }
    }

    @Test
    void aJavaOutOfMemoryErrorEndsTheWorkerAndTheShardIsRetried() {
        try (Pool pool = Pool.builder().workers(1).workerJvmOptions(List.of("-Xmx64m")).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(3, 1), context -> {
                if (context.shard().id() == 1 && context.attempt() == 1) {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }
                return context.attempt();
            }, RunOptions.none());
            RunReport report = run.report();
            assertTrue(run.succeeded(), report::renderText);
            assertEquals(1, run.results().get(0), "finished before the crash");
            assertEquals(2, run.results().get(1), "re-run after the crash");
            assertEquals(1, report.deaths().size(), report::renderText);
            assertTrue(report.deaths().getFirst().cause().contains("OutOfMemoryError"), report::renderText);
        }
    }

    /** Marks the worker so kernels can see the hook ran. */
    public static final class MarkingInit implements WorkerInit {
        @Override
        public void initialize(int workerId) {
            System.setProperty("shard.test.initialized", "worker " + workerId);
        }
    }

    /** A hook that cannot run. */
    public static final class BrokenInit implements WorkerInit {
        @Override
        public void initialize(int workerId) {
            throw new IllegalStateException("no licence file");
        }
    }

    @Test
    void theInitHookRunsInEveryWorkerAndABrokenOneFailsTheStartClearly() {
        try (Pool pool = Pool.builder().workers(2).initHook(MarkingInit.class).start()) {
            Run<String> run = pool.shardMap(Shards.contiguous(4, 1),
                    context -> System.getProperty("shard.test.initialized"), RunOptions.none());
            assertTrue(run.results().stream().allMatch(value -> value.startsWith("worker ")), run.results()::toString);
        }
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Pool.builder().workers(1).initHook(BrokenInit.class).start().close());
        assertTrue(error.getMessage().contains("no licence file"), error.getMessage());
    }

    @Test
    void copiesMadeByKernelsAppearInTheReportWithTheirCallSite() {
        try (Pool pool = Pool.builder().workers(2).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(4, 1), context -> {
                dev.shard.storage.copy.CopyLedger.record("materialize", 1000);
                return 0;
            }, RunOptions.none());
            RunReport report = run.report();
            assertEquals(4, report.copies().events(), report::renderText);
            assertEquals(4000, report.copies().bytes());
            assertTrue(report.copies().topCallSites().getFirst().site().contains("SupervisionProcessTest"),
                    report::renderText);
            assertTrue(report.recommendations().stream().anyMatch(r -> r.contains("4000 bytes were copied")),
                    report::renderText);

            // The next run copies nothing: its report shows no copy and no call site of the last run.
            RunReport clean = pool.shardMap(Shards.contiguous(4, 1), context -> 0, RunOptions.none()).report();
            assertEquals(0, clean.copies().events(), clean::renderText);
            assertEquals(List.of(), clean.copies().topCallSites(), clean::renderText);
            RunReport again = pool.shardMap(Shards.contiguous(2, 1), context -> {
                dev.shard.storage.copy.CopyLedger.record("materialize", 10);
                return 0;
            }, RunOptions.none()).report();
            assertEquals(20, again.copies().bytes(), again::renderText);
            assertEquals(2, again.copies().topCallSites().stream().mapToLong(RunReport.CopySite::events).sum(),
                    "call sites count this run's copies only\n" + again.renderText());
        }
    }
}
