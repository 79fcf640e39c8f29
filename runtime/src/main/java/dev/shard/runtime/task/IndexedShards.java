package dev.shard.runtime.task;

import java.io.Serial;
import java.util.Arrays;

/** One shard per explicit list of item indices; the lists are copied in and out. */
public record IndexedShards(long[][] lists) implements Shards {

    public IndexedShards {
        if (lists.length == 0) {
            throw new IllegalArgumentException("indices(...) needs at least one list of item indices");
        }
        long[][] copy = new long[lists.length][];
        for (int i = 0; i < lists.length; i++) {
            if (lists[i] == null) {
                throw new IllegalArgumentException("index list " + i + " is null");
            }
            copy[i] = lists[i].clone();
        }
        lists = copy;
    }

    /** A copy of the index lists. */
    @Override
    public long[][] lists() {
        long[][] copy = new long[lists.length][];
        for (int i = 0; i < lists.length; i++) {
            copy[i] = lists[i].clone();
        }
        return copy;
    }

    @Override
    public int count() {
        return lists.length;
    }

    /** Listed shards have no block: 0. */
    @Override
    public long blockSize() {
        return 0;
    }

    @Override
    public Shard get(int id) {
        if (id < 0 || id >= lists.length) {
            throw ShardCounts.noSuchShard(id, lists.length);
        }
        return new Shard(id, 0, 0, 1, lists[id], 0, 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexedShards that && Arrays.deepEquals(lists, that.lists);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(lists);
    }

    @Override
    public String toString() {
        return lists.length + " listed shards";
    }

    /** Travels as a plain {@link ShardsForm}: decoding a record costs a fresh worker's first run (see there). */
    @Serial
    private Object writeReplace() {
        return new ShardsForm(ShardsForm.INDEXED, null, lists);
    }
}
