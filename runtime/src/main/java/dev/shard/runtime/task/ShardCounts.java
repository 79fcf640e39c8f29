package dev.shard.runtime.task;

/** Checks and arithmetic the shard layouts share. */
final class ShardCounts {
    /** Shards per worker that {@link Shards#auto} aims for: enough to balance uneven shards. */
    private static final int AUTO_SHARDS_PER_WORKER = 4;

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
     * The block size of {@link Shards#auto}: balance only (about four shards per worker). This is
     * the one place shard sizing lives in the runtime; a tuner that also weighs memory and dispatch
     * overhead replaces this rule here, and the runtime keeps executing whatever layout it is given.
     */
    static long balancedBlockSize(long items, int workers) {
        long target = (long) workers * AUTO_SHARDS_PER_WORKER;
        return Math.max(1, (items + target - 1) / target);
    }

    static IndexOutOfBoundsException noSuchShard(int id, int count) {
        return new IndexOutOfBoundsException("shard " + id + " of " + count + " shards");
    }
}
