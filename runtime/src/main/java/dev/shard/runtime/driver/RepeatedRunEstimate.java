package dev.shard.runtime.driver;

import java.util.Arrays;

/**
 * The mean shard time a pool measured in its last run, handed to its next run when that run is
 * the same one again (same descriptor bytes: kernel, shards, references, seed), so the next
 * run's first batches are sized by it instead of being {@link BatchSizing#PROBE_BATCH}-shard
 * probes. Tiny tasks finish a probe in microseconds and then wait a round trip for a batch of
 * size; on a loaded machine round trips, not the tasks, were most of a warm pool's run of
 * 10,000, and with the estimate the workers block fewer times per run
 * (bench/results/2026-12-02-tiny-lock.md). The estimate is only a start: the first part
 * reported replaces most of it, and a slower part at least a quarter.
 *
 * <p>Only the length and a hash of the descriptor are kept (a descriptor is let go at a run's
 * end); two different runs with one key only start from a wrong estimate, which the first
 * reported part corrects. Outputs do not depend on how shards are batched.
 */
final class RepeatedRunEstimate {
    /**
     * Larger descriptors (lapply ships its items in one) are not hashed: a pass over megabytes
     * per run would cost more than the probes it saves, and such a run's set-up outweighs them.
     */
    static final int MAX_HASHED_BYTES = 64 * 1024;
    private static final long NONE = -1;

    private long lastKey = NONE;
    private double lastMeanShardNanos = -1;
    private long currentKey = NONE;

    /** A run of {@code descriptor} begins: the last run's estimate when it was this run, else -1. */
    double begin(byte[] descriptor) {
        currentKey = key(descriptor);
        return currentKey != NONE && currentKey == lastKey ? lastMeanShardNanos : -1;
    }

    /** The run begun last ended having measured {@code meanShardNanos} (-1: nothing measured). */
    void ended(double meanShardNanos) {
        lastKey = currentKey;
        lastMeanShardNanos = meanShardNanos;
        currentKey = NONE;
    }

    private static long key(byte[] descriptor) {
        if (descriptor.length > MAX_HASHED_BYTES) {
            return NONE;
        }
        return ((long) descriptor.length << Integer.SIZE) | (Arrays.hashCode(descriptor) & 0xffff_ffffL);
    }
}
