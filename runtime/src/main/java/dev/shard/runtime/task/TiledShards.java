package dev.shard.runtime.task;

import java.io.Serial;

/** 2-D tiles of {@code tileRows × tileColumns} over a {@code rows × columns} matrix, numbered row-block-major. */
public record TiledShards(long rows, long columns, long tileRows, long tileColumns) implements Shards {

    public TiledShards {
        ShardCounts.requireItems(rows);
        ShardCounts.requireItems(columns);
        if (tileRows <= 0 || tileColumns <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileRows + " x " + tileColumns);
        }
        long count = (long) ShardCounts.shardCount(rows, tileRows) * ShardCounts.shardCount(columns, tileColumns);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many tiles (" + count + "): use bigger tiles");
        }
    }

    @Override
    public int count() {
        return ShardCounts.shardCount(rows, tileRows) * ShardCounts.shardCount(columns, tileColumns);
    }

    /** Rows per tile. */
    @Override
    public long blockSize() {
        return tileRows;
    }

    @Override
    public Shard get(int id) {
        if (id < 0 || id >= count()) {
            throw ShardCounts.noSuchShard(id, count());
        }
        int columnBlocks = ShardCounts.shardCount(columns, tileColumns);
        long rowBlock = id / columnBlocks;
        long columnBlock = id % columnBlocks;
        return new Shard(id, rowBlock * tileRows, Math.min(rows, (rowBlock + 1) * tileRows), 1, null,
                columnBlock * tileColumns, Math.min(columns, (columnBlock + 1) * tileColumns));
    }

    @Override
    public String toString() {
        return count() + " tiles of " + tileRows + "x" + tileColumns + " over " + rows + "x" + columns;
    }

    /** Travels as a plain {@link ShardsForm}: decoding a record costs a fresh worker's first run (see there). */
    @Serial
    private Object writeReplace() {
        return new ShardsForm(ShardsForm.TILED, new long[] {rows, columns, tileRows, tileColumns}, null);
    }
}
