package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.SegmentStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real worker JVMs, one of them ten times slower per shard (its kernel sleeps longer, as a
 * worker sharing its core with another program would run): eight long shards go out four and
 * four, and once the fast worker has run its own it takes back the slow one's unbegun batches,
 * so it runs at least six of the eight. Each shard counts its executions in a shared buffer:
 * a shard handed back never also runs where it was first sent.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowWorkerProcessTest {
    private static final long SLOW_MILLIS = 400;
    private static final long FAST_MILLIS = 40;
    private static final int SHARDS = 8;

    @AfterAll
    static void nothingLeft() throws InterruptedException {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void theFastWorkerTakesBackTheSlowWorkersUnbegunShards() throws Exception {
        try (Pool pool = Pool.builder().workers(2).start();
                OutputBuffer executions = OutputBuffer.create(BufferSpec.vector(ElementType.LONG, SHARDS))) {
            // Warm: the first shard of a fresh worker carries its set-up, and both must be up.
            pool.shardMap(Shards.contiguous(2, 1), ShardContext::workerId, RunOptions.none()).results();
            Run<Integer> run = pool.shardMap(Shards.contiguous(SHARDS, 1), SlowWorkerProcessTest::sleepAndCount,
                    RunOptions.none().withOutput("executions", executions.reference()));
            assertTrue(run.succeeded(), () -> run.report().renderText());
            Map<Integer, Integer> shardsByWorker = new TreeMap<>();
            for (int worker : run.results()) {
                shardsByWorker.merge(worker, 1, Integer::sum);
            }
            int slow = shardsByWorker.entrySet().stream().filter(entry -> entry.getKey() % 2 == 0)
                    .mapToInt(Map.Entry::getValue).sum();
            assertTrue(SHARDS - slow >= 6 && slow >= 1, "shards per worker " + shardsByWorker
                    + ": the fast worker should run at least 6 of " + SHARDS);
            for (int shard = 0; shard < SHARDS; shard++) {
                assertEquals(1, executions.getLong(shard), "executions of shard " + shard);
            }
            assertEquals(0, run.report().shards().retries(), "handed back, not retried");
        }
    }

    private static int sleepAndCount(ShardContext context) throws InterruptedException {
        OutputBuffer executions = context.output("executions", OutputBuffer.class);
        long shard = context.shard().start();
        executions.setLong(shard, executions.getLong(shard) + 1);
        Thread.sleep(context.workerId() % 2 == 0 ? SLOW_MILLIS : FAST_MILLIS);
        return context.workerId();
    }
}
