package dev.shard.runtime.task;

import dev.shard.runtime.tune.ShardTuner;

/** Checks and arithmetic the shard layouts share. */
final class ShardCounts {
    private ShardCounts() {
    }

    static void requireItems(long items) {
        if (items <= 0) {
            throw new IllegalArgumentException("number of items must be positive, got " + items);
        }
    }

    static int shardCount(long items, long block) {
        long count = (items + block - 1) / block;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(items + " items in blocks of " + block
                    + " make more than 2^31 shards: use a bigger block size");
        }
        return (int) count;
    }

    /**
     * The block size of {@link Shards#auto}: the tuner's balance rule (four shards per
     * worker) with no memory or dispatch figures, since a bare item count has none. The planner
     * calls the whole tuner; the runtime executes whatever layout it is given.
     */
    static long balancedBlockSize(long items, int workers) {
        return ShardTuner.balanceRows(items, workers, 1);
    }

    static IndexOutOfBoundsException noSuchShard(int id, int count) {
        return new IndexOutOfBoundsException("shard " + id + " of " + count + " shards");
    }
}
