package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool's bound on the workers' heap, on real worker JVMs: kept across recycles, yielded to the user's -Xmx, and an OutOfMemoryError that fails the run with the bound and the fix. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerHeapProcessTest {
    private static final long BOUND = 96L << 20;
    private static final String SOURCE = "a worker's slice of the test's 192 MiB budget";

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void everyWorkerAndEveryRecycledOneRunsWithTheBound() {
        try (Pool pool = Pool.builder().workers(2).workerMaxHeap(BOUND, SOURCE).maxTasksPerWorker(1).start()) {
            Run<Long> run = pool.shardMap(Shards.contiguous(6, 1), context -> Runtime.getRuntime().maxMemory(),
                    RunOptions.none());
            assertTrue(run.succeeded(), () -> run.report().renderText());
            assertTrue(run.report().recycles().size() >= 4, "a recycle after every task: " + run.report().recycles());
            for (long maxHeap : run.results()) {
                // The serial collector reports the heap less one survivor space.
                assertTrue(maxHeap <= BOUND && maxHeap > BOUND / 2, "max heap " + maxHeap + " for a bound of " + BOUND);
            }
        }
    }

    @Test
    void theUsersOwnMaximumHeapWins() {
        try (Pool pool = Pool.builder().workers(1).workerMaxHeap(BOUND, SOURCE)
                .workerJvmOptions(List.of("-Xmx200m")).start()) {
            long maxHeap = pool.shardMap(Shards.contiguous(1, 1), context -> Runtime.getRuntime().maxMemory(),
                    RunOptions.none()).results().getFirst();
            assertTrue(maxHeap > BOUND && maxHeap <= 200L << 20, "max heap " + maxHeap + " with -Xmx200m");
        }
    }

    @Test
    void aWorkerOutOfHeapFailsTheRunWithItsBoundAndTheFix() {
        try (Pool pool = Pool.builder().workers(1).workerMaxHeap(BOUND, SOURCE).maxRetries(1).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(2, 1), context -> {
                List<long[]> kept = new ArrayList<>();
                for (int chunk = 0; chunk < 64; chunk++) {
                    kept.add(new long[1 << 20]);
                }
                return kept.size();
            }, RunOptions.none());
            assertFalse(run.succeeded(), "512 MiB kept cannot fit a 96 MiB heap");
            String message = RunFailedException.of(run.failures(), null).getMessage();
            assertTrue(message.contains("died: Java heap exhausted (OutOfMemoryError, exit 3): the worker's maximum heap"
                    + " is 96 MiB (-Xmx, " + SOURCE + "): raise the memory budget, or give the stage smaller shards"),
                    message);
            assertEquals(2, run.failures().getFirst().attempts(), "retried once, then failed: " + message);
        }
    }
}
