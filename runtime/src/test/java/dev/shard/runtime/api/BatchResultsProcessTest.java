package dev.shard.runtime.api;

import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Results that travel packed per batch come back whole, in shard order, exactly once. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchResultsProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void everyKindOfResultComesBackInShardOrder() {
        try (Pool pool = Pool.builder().workers(2).start()) {
            Run<Serializable> run = pool.shardMap(Shards.contiguous(5_000, 1), context -> {
                int id = context.shard().id();
                return switch (id % 5) {
                    case 0 -> (long) id;
                    case 1 -> id;
                    case 2 -> id + 0.5;
                    case 3 -> "shard " + id;
                    default -> id % 10 == 4 ? null : new ArrayList<>(List.of(id));
                };
            }, RunOptions.none());

            List<Serializable> results = run.results();
            assertEquals(5_000, results.size());
            for (int id = 0; id < results.size(); id++) {
                Serializable expected = switch (id % 5) {
                    case 0 -> (long) id;
                    case 1 -> id;
                    case 2 -> id + 0.5;
                    case 3 -> "shard " + id;
                    default -> id % 10 == 4 ? null : new ArrayList<>(List.of(id));
                };
                assertEquals(expected, results.get(id), "shard " + id);
            }
        }
    }

    @Test
    void shardsThatFailMidBatchAreRetriedAndTheirNeighboursKeptOnce() {
        try (Pool pool = Pool.builder().workers(2).maxRetries(1).start()) {
            Run<Long> run = pool.shardMap(Shards.contiguous(3_000, 1), context -> {
                int id = context.shard().id();
                if (id % 97 == 13 && context.attempt() == 1) {
                    throw new IllegalStateException("first attempt of shard " + id);
                }
                return id * 3L + context.attempt();
            }, RunOptions.none());

            assertTrue(run.succeeded(), () -> run.failures().toString());
            List<Long> results = run.results();
            for (int id = 0; id < results.size(); id++) {
                long attempt = id % 97 == 13 ? 2 : 1;
                assertEquals(id * 3L + attempt, results.get(id), "shard " + id);
            }
            assertEquals(3_000 / 97 + (3_000 % 97 > 13 ? 1 : 0), run.report().shards().retries());
            assertEquals(3_000, run.report().shards().succeeded());
        }
    }
}
