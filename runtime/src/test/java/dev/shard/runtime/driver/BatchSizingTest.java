package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batch sizes: small probes until shard times are known, then bounded by time and by the guided share. */
class BatchSizingTest {
    private static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void beforeAnyShardTimeIsKnownBatchesAreProbes() {
        BatchSizing sizing = new BatchSizing(1_000_000);
        assertEquals(BatchSizing.PROBE_BATCH, sizing.next(1_000_000, 2));
        assertEquals(3, sizing.next(3, 2), "never more than what remains");
    }

    @Test
    void aWorkersWindowOfBatchesHoldsAboutAHundredMillisecondsOfTwoMillisecondShards() {
        BatchSizing sizing = new BatchSizing(8_000);
        sizing.measured(10, 20 * MILLISECOND);
        int size = sizing.next(8_000, 2);
        double windowMillis = size * 2.0 * RunConductor.PREFETCH;
        assertTrue(size >= 1 && windowMillis <= 100, size + " shards per batch hold " + windowMillis + " ms");
        assertEquals(12, size);
    }

    @Test
    void tinyShardsStillGoInThousands() {
        BatchSizing sizing = new BatchSizing(1_000_000);
        sizing.measured(4_096, 4_096 * 300L);
        assertEquals(BatchSizing.MAX_BATCH, sizing.next(1_000_000, 2));
        BatchSizing tenThousand = new BatchSizing(10_000);
        tenThousand.measured(100, 100 * 300L);
        assertEquals(1_250, tenThousand.next(10_000, 2), "the guided share, remaining / (workers × 4)");
    }

    @Test
    void theEstimateFollowsShardsThatGetFaster() {
        BatchSizing sizing = new BatchSizing(1_000_000);
        sizing.measured(16, 16 * MILLISECOND);
        int cold = sizing.next(1_000_000, 2);
        for (int part = 0; part < 20; part++) {
            sizing.measured(1_000, 1_000 * 1_000L);
        }
        int warm = sizing.next(1_000_000, 2);
        assertTrue(cold < 30 && warm == BatchSizing.MAX_BATCH, "cold " + cold + ", warm " + warm);
    }

    @Test
    void shardsHandedBackGoOutAgainAsRangesWithTheirAttemptUncounted() {
        ShardLedger ledger = new ShardLedger(100);
        int first = ledger.takeFresh(40);
        ledger.release(first + 30, 10);
        assertTrue(ledger.hasReturned());
        assertEquals(ShardLedger.PENDING, ledger.state(35));
        assertEquals(0, ledger.attempts(35));
        assertEquals(30, ledger.takeReturned(4));
        assertEquals(4, ledger.lastTakenCount());
        assertEquals(1, ledger.attempts(30));
        assertEquals(34, ledger.takeReturned(100));
        assertEquals(6, ledger.lastTakenCount());
        assertTrue(!ledger.hasReturned());
        assertEquals(ShardLedger.RUNNING, ledger.state(39));
    }

    @Test
    void oneLargeFastPartOutweighsASlowProbe() {
        BatchSizing sizing = new BatchSizing(1_000_000);
        // A 16-shard probe of tiny shards during which the worker was preempted for 10 ms.
        sizing.measured(16, 10 * MILLISECOND);
        assertTrue(sizing.next(1_000_000, 2) < 100, "the probe alone makes batches small");
        sizing.measured(40, 40 * 500L);
        sizing.measured(2_000, 2_000 * 500L);
        assertEquals(BatchSizing.MAX_BATCH, sizing.next(1_000_000, 2), "mean " + sizing.meanShardNanos());
    }

    @Test
    void aSlowerSmallPartStillShrinksBatchesPromptly() {
        BatchSizing sizing = new BatchSizing(8_000);
        sizing.measured(4_000, 4_000 * 1_000L);
        // One shard that took 200 ms: shards got slow; it weighs as much as a whole probe part.
        sizing.measured(1, 200 * MILLISECOND);
        assertTrue(sizing.meanShardNanos() >= 0.25 * 200 * MILLISECOND, "mean " + sizing.meanShardNanos());
        assertTrue(sizing.next(8_000, 2) <= 1, "batches of one 200 ms shard at most");
    }

    @Test
    void aWorkersFirstShardOfTheRunDoesNotSizeTheBatches() {
        BatchSizing sizing = new BatchSizing(10_000);
        // Worker 0's first part: its first shard alone, 30 ms of set-up (classes, references).
        sizing.measured(0, 1, 30 * MILLISECOND, 30 * MILLISECOND);
        assertEquals(-1, sizing.meanShardNanos(), "the set-up is not a shard time");
        assertEquals(BatchSizing.PROBE_BATCH, sizing.next(10_000, 2), "still a probe, as at the run's start");
        sizing.measured(0, 15, 15 * 300L, 300);
        assertEquals(1_250, sizing.next(10_000, 2), "tiny shards: the guided share at once");
        // Worker 1's first part holds its own set-up in its first shard: left out too.
        sizing.measured(1, 16, 40 * MILLISECOND + 15 * 300L, 40 * MILLISECOND);
        assertEquals(300, sizing.meanShardNanos(), 1e-9);
        // A replacement process (a new worker id) starts cold again.
        sizing.measured(2, 1, 90 * MILLISECOND, 90 * MILLISECOND);
        assertEquals(1_250, sizing.next(10_000, 2));
    }

    @Test
    void slowShardsAfterTheFirstStillBoundAWorkersClaimedWork() {
        BatchSizing sizing = new BatchSizing(10_000);
        sizing.measured(0, 1, 30 * MILLISECOND, 30 * MILLISECOND);
        sizing.measured(0, 1, 30 * MILLISECOND, 30 * MILLISECOND);
        assertEquals(1, sizing.next(10_000, 2), "batches of one 30 ms shard: four of them hold ~100 ms");
        // Later parts of a worker count whole, their first shard included.
        sizing.measured(0, 2, 2 * 40 * MILLISECOND, 40 * MILLISECOND);
        assertTrue(sizing.meanShardNanos() > 30 * MILLISECOND, "mean " + sizing.meanShardNanos());
    }
}
