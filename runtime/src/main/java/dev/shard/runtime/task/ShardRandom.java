package dev.shard.runtime.task;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random stream of one shard: a function of (seed, shard id) only, so a shard draws
 * the same numbers on any worker, in any batch, on any attempt.
 */
public final class ShardRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private ShardRandom() {
    }

    public static RandomGenerator of(long seed, int shardId) {
        return new SplittableRandom(mix(seed ^ mix(shardId * GOLDEN_GAMMA + GOLDEN_GAMMA)));
    }

    /** SplitMix64's finalizer: spreads nearby inputs over all 64 bits. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
