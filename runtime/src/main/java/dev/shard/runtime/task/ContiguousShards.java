package dev.shard.runtime.task;

import java.io.Serial;

/** Blocks of {@code blockSize} consecutive items out of {@code items}; the last block may be shorter. */
public record ContiguousShards(long items, long blockSize) implements Shards {

    public ContiguousShards {
        ShardCounts.requireItems(items);
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        ShardCounts.shardCount(items, blockSize);
    }

    @Override
    public int count() {
        return ShardCounts.shardCount(items, blockSize);
    }

    @Override
    public Shard get(int id) {
        if (id < 0 || id >= count()) {
            throw ShardCounts.noSuchShard(id, count());
        }
        return new Shard(id, id * blockSize, Math.min(items, (id + 1) * blockSize), 1, null, 0, 0);
    }

    @Override
    public String toString() {
        return count() + " contiguous shards of " + blockSize + " over " + items + " items";
    }

    /** Travels as a plain {@link ShardsForm}: decoding a record costs a fresh worker's first run (see there). */
    @Serial
    private Object writeReplace() {
        return new ShardsForm(ShardsForm.CONTIGUOUS, new long[] {items, blockSize}, null);
    }
}
