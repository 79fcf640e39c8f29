package dev.shard.runtime.driver;

import java.util.Arrays;

/**
 * The mean shard time a pool measured in its last run, handed to its next run when that run is
 * the same one again (same descriptor bytes: kernel, shards, references, seed), so the next
 * run's first batches are sized by it instead of being {@link BatchSizing#PROBE_BATCH}-shard
 * probes. Tiny tasks finish a probe in microseconds and then wait a round trip for a batch of
 * size; on a loaded machine those round trips, not the tasks, were most of a warm pool's run
 * of 10,000 (bench/results/2026-12-02-tiny-lock.md). The estimate is only a start: the first
 * part reported replaces most of it, and a slower part at least a quarter.
 *
 * <p>Only a hash of the descriptor is kept (a descriptor can be large and is let go at a run's
 * end); two different runs with one hash only start from a wrong estimate, which the first
 * reported part corrects. Outputs do not depend on how shards are batched.
 */
final class RepeatedRunEstimate {
    private int lastHash;
    private int lastLength = -1;
    private double lastMeanShardNanos = -1;

    /** The estimate for a run of {@code descriptor}: the last run's, when it was this run; else -1. */
    double forRun(byte[] descriptor) {
        if (descriptor.length != lastLength || Arrays.hashCode(descriptor) != lastHash) {
            return -1;
        }
        return lastMeanShardNanos;
    }

    /** A run of {@code descriptor} ended having measured {@code meanShardNanos} (-1: nothing measured). */
    void ended(byte[] descriptor, double meanShardNanos) {
        lastLength = descriptor.length;
        lastHash = Arrays.hashCode(descriptor);
        lastMeanShardNanos = meanShardNanos;
    }
}
