package dev.shard.runtime.task;

import java.io.Serializable;

/**
 * How a run's items are cut into shards. The layout is a function of the data shape
 * only (never of scheduling), so results are the same for any number of workers.
 * Shards are computed on demand: a million shards cost no more to send than one.
 *
 * <p>A sealed family of records, so a planner or a renderer can switch over the kinds
 * exhaustively: {@link ContiguousShards}, {@link StridedShards}, {@link IndexedShards},
 * {@link TiledShards}. The factory methods below validate and build them.
 */
public sealed interface Shards extends Serializable
        permits ContiguousShards, StridedShards, IndexedShards, TiledShards {

    /** Number of shards; shard ids are {@code 0 .. count() - 1}. */
    int count();

    /** Items per block (rows per tile); 0 for strided and listed shards. */
    long blockSize();

    /** The items shard {@code id} covers. */
    Shard get(int id);

    /** Blocks of {@code blockSize} consecutive items; the last block may be shorter. */
    static Shards contiguous(long items, long blockSize) {
        return new ContiguousShards(items, blockSize);
    }

    /** Contiguous blocks sized for balance (about four shards per worker). */
    static Shards auto(long items, int workers) {
        ShardCounts.requireItems(items);
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        return contiguous(items, ShardCounts.balancedBlockSize(items, workers));
    }

    /** {@code shardCount} shards; shard s covers s, s + k, s + 2k, ... with k = shardCount. */
    static Shards strided(long items, int shardCount) {
        ShardCounts.requireItems(items);
        if (shardCount <= 0) {
            throw new IllegalArgumentException("shard count must be positive, got " + shardCount);
        }
        return new StridedShards(items, (int) Math.min(shardCount, Math.max(1, items)));
    }

    /** One shard per explicit list of item indices. */
    static Shards indices(long[]... lists) {
        return new IndexedShards(lists);
    }

    /** 2-D tiles of {@code tileRows × tileColumns}, numbered row-block-major. */
    static Shards tiles(long rows, long columns, long tileRows, long tileColumns) {
        return new TiledShards(rows, columns, tileRows, tileColumns);
    }
}
