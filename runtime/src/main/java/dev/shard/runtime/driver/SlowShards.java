package dev.shard.runtime.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * The evidence about slow shards that the report's figures alone do not hold: how many
 * shards after warm-up ran slower than {@link Diagnosis#SKEW_FACTOR} × the median, whether
 * they held more items than the median shard, and how busy the machine was. One slow shard
 * among hundreds of equal ones is a GC pause or a preempted worker, not uneven data; the
 * diagnosis needs this to tell the two apart.
 *
 * @param count           slow shards after warm-up
 * @param slowest         the id of the slowest of them (-1: none)
 * @param itemsRatio      the largest slow shard's items over the median shard's items (NaN: unknown)
 * @param loadAverage     the machine's one-minute load average at the end of the run (-1: unknown)
 * @param processors      processors this JVM sees
 */
record SlowShards(int count, int slowest, double itemsRatio, double loadAverage, int processors) {
    /** Nothing known: no shard was slow after warm-up. */
    static final SlowShards NONE = new SlowShards(0, -1, Double.NaN, -1, Runtime.getRuntime().availableProcessors());
    /** Shard sizes are compared on at most this many evenly spaced shards, so a million-shard run stays cheap. */
    private static final int SIZE_SAMPLES = 1_001;

    /** Reads the evidence from {@code ledger}; {@code items} gives a shard's item count, or null when unknown. */
    static SlowShards of(ShardLedger ledger, long thresholdNanos, IntToLongFunction items) {
        int[] slow = ledger.steadyShardsSlowerThan(thresholdNanos);
        if (slow.length == 0) {
            return NONE;
        }
        int slowest = slow[0];
        for (int shard : slow) {
            if (ledger.nanosOf(shard) > ledger.nanosOf(slowest)) {
                slowest = shard;
            }
        }
        double ratio = items == null ? Double.NaN : largestOverMedian(slow, ledger.count(), items);
        return new SlowShards(slow.length, slowest, ratio, readLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    static double largestOverMedian(int[] slow, int shardCount, IntToLongFunction items) {
        int samples = Math.min(shardCount, SIZE_SAMPLES);
        long[] sizes = new long[samples];
        for (int s = 0; s < samples; s++) {
            sizes[s] = items.applyAsLong((int) ((long) s * shardCount / samples));
        }
        Arrays.sort(sizes);
        long median = sizes[samples / 2];
        long largest = 0;
        for (int shard : slow) {
            largest = Math.max(largest, items.applyAsLong(shard));
        }
        return median <= 0 ? Double.NaN : (double) largest / median;
    }

    private static double readLoadAverage() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg"));
            return Double.parseDouble(text.substring(0, text.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
