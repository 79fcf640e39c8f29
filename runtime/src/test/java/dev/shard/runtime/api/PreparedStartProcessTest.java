package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Pool#prepareInBackground()}: a pool started while the preparation is still under way
 * (they meet on the same one-time set-ups) starts and runs, and the preparation's thread ends.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PreparedStartProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void aPoolStartedRightAfterThePreparationBeganStartsRunsAndThePreparationEnds() throws Exception {
        Pool.prepareInBackground();
        try (Pool pool = Pool.builder().workers(2).startAsync()) {
            Run<Long> run = pool.shardMap(Shards.contiguous(100, 10), context -> context.shard().size(),
                    RunOptions.none());
            assertTrue(run.succeeded(), () -> run.report().renderText());
            assertEquals(100L, run.results().stream().mapToLong(Long::longValue).sum());
        }
        Thread preparing = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("shard-driver-prepare")).findFirst().orElse(null);
        if (preparing != null) {
            preparing.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(preparing.isAlive(), "the preparation thread still runs");
        }
    }
}
