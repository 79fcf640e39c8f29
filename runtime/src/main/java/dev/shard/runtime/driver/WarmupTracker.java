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

    /** Shards {@code first .. first + count - 1} came from {@code workerId}; marks those in its warm-up. */
    void reported(int workerId, int first, int count, IntToLongFunction nanos, ShardLedger ledger) {
        long[] seen = progress.computeIfAbsent(workerId, id -> new long[2]);
        for (int index = 0; index < count && (seen[0] < WARMUP_SHARDS || seen[1] < WARMUP_NANOS); index++) {
            ledger.markWarmup(first + index);
            seen[0]++;
            seen[1] += nanos.applyAsLong(index);
        }
    }
}
