package dev.shard.runtime.driver;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;

/**
 * Which shard times were measured while their worker process warmed up: its first
 * {@link #WARMUP_SHARDS} shards or first {@link #WARMUP_NANOS} of compute, whichever ends
 * later. A cold JVM interprets the kernel before the JIT compiles it, so those shards are
 * slow on perfectly even data; the report's advice tells that apart from skew.
 */
final class WarmupTracker {
    static final int WARMUP_SHARDS = 16;
    static final long WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** Per worker process (not slot: a replacement warms up again): shards and nanoseconds reported. */
    private final Map<Integer, long[]> progress = new HashMap<>();

    /**
     * Shards {@code first .. first + count - 1} came from {@code workerId} and took
     * {@code totalNanos} between them; marks those in its warm-up. A batch wholly inside the
     * warm-up is marked as one range, and a warm worker's batch costs one look-up: a
     * tiny-task run's first runs are all warm-up, and a call per shard there held the
     * conductor's lock, which the other workers' batches wait for.
     */
    void reported(int workerId, int first, int count, long totalNanos, IntToLongFunction nanos, ShardLedger ledger) {
        long[] seen = progress.computeIfAbsent(workerId, id -> new long[2]);
        if (warm(seen)) {
            return;
        }
        if (seen[1] + totalNanos < WARMUP_NANOS) {
            ledger.markWarmup(first, count);
            seen[0] += count;
            seen[1] += totalNanos;
            return;
        }
        for (int index = 0; index < count && !warm(seen); index++) {
            ledger.markWarmup(first + index, 1);
            seen[0]++;
            seen[1] += nanos.applyAsLong(index);
        }
    }

    private static boolean warm(long[] seen) {
        return seen[0] >= WARMUP_SHARDS && seen[1] >= WARMUP_NANOS;
    }
}
