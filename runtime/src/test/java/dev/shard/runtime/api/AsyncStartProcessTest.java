package dev.shard.runtime.api;

import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real worker JVMs started with {@code startAsync()}: the caller goes on while they connect. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncStartProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void startAsyncReturnsBeforeTheWorkersConnectAndTheFirstRunWaitsForThem() {
        long before = System.nanoTime();
        try (Pool pool = Pool.builder().workers(2).startAsync()) {
            double returnedSeconds = (System.nanoTime() - before) / 1e9;
            Run<Long> run = pool.shardMap(Shards.contiguous(100, 10), context -> context.shard().size(),
                    RunOptions.none());

            assertTrue(run.succeeded(), () -> run.report().renderText());
            assertEquals(100L, run.results().stream().mapToLong(Long::longValue).sum());
            double poolStart = run.report().timings().poolStartSeconds();
            assertTrue(poolStart > 0, "the first run reports the pool start");
            assertTrue(returnedSeconds < poolStart, "startAsync returned after " + returnedSeconds
                    + " s, but the workers took " + poolStart + " s to connect: it waited for them");
            assertEquals(2, pool.status().workers().stream().filter(worker -> worker.state().equals("READY")).count());
        }
    }

    @Test
    void aStartThatFailsThrowsAtTheFirstUseAndLeavesNothingRunning() {
        try (Pool pool = Pool.builder().workers(1).workerJvmOptions(List.of("-XX:+NoSuchShardOption"))
                .startAsync()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> pool.shardMap(Shards.contiguous(1, 1), context -> 1, RunOptions.none()));
            assertTrue(failure.getMessage().contains("workers fail to start"), failure.getMessage());
            IllegalStateException again = assertThrows(IllegalStateException.class, pool::status);
            assertTrue(again.getMessage().contains("workers fail to start"), again.getMessage());
        }
    }
}
