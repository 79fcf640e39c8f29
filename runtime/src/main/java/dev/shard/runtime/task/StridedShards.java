package dev.shard.runtime.task;

import java.io.Serial;

/** {@code count} interleaved shards over {@code items}: shard s covers s, s + count, s + 2·count, ... */
public record StridedShards(long items, int count) implements Shards {

    public StridedShards {
        ShardCounts.requireItems(items);
        if (count <= 0 || count > items) {
            throw new IllegalArgumentException("shard count must be between 1 and the " + items
                    + " items, got " + count);
        }
    }

    /** Strided shards have no block: 0. */
    @Override
    public long blockSize() {
        return 0;
    }

    @Override
    public Shard get(int id) {
        if (id < 0 || id >= count) {
            throw ShardCounts.noSuchShard(id, count);
        }
        return new Shard(id, id, items, count, null, 0, 0);
    }

    @Override
    public String toString() {
        return count + " strided shards over " + items + " items";
    }

    /** Travels as a plain {@link ShardsForm}: decoding a record costs a fresh worker's first run (see there). */
    @Serial
    private Object writeReplace() {
        return new ShardsForm(ShardsForm.STRIDED, new long[] {items, count}, null);
    }
}
