package dev.shard.runtime.task;

import java.io.Serializable;

/**
 * How a run's items are cut into shards. The layout is a function of the data shape
 * only (never of scheduling), so results are the same for any number of workers.
 * Shards are computed on demand: a million shards cost no more to send than one.
 */
public final class Shards implements Serializable {
    /** Shards per worker that {@link #auto} aims for: enough to balance uneven shards. */
    private static final int AUTO_SHARDS_PER_WORKER = 4;

    private enum Kind { CONTIGUOUS, STRIDED, INDICES, TILES }

    private final Kind kind;
    private final long items;
    private final long blockSize;
    private final int count;
    private final long[][] lists;
    private final long columns;
    private final long tileColumns;

    private Shards(Kind kind, long items, long blockSize, int count, long[][] lists, long columns, long tileColumns) {
        this.kind = kind;
        this.items = items;
        this.blockSize = blockSize;
        this.count = count;
        this.lists = lists;
        this.columns = columns;
        this.tileColumns = tileColumns;
    }

    /** Blocks of {@code blockSize} consecutive items; the last block may be shorter. */
    public static Shards contiguous(long items, long blockSize) {
        requireItems(items);
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        return new Shards(Kind.CONTIGUOUS, items, blockSize, shardCount(items, blockSize), null, 0, 0);
    }

    /** Contiguous blocks sized for balance (about four shards per worker). */
    public static Shards auto(long items, int workers) {
        requireItems(items);
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        long target = (long) workers * AUTO_SHARDS_PER_WORKER;
        return contiguous(items, Math.max(1, (items + target - 1) / target));
    }

    /** {@code shardCount} shards; shard s covers s, s + k, s + 2k, ... with k = shardCount. */
    public static Shards strided(long items, int shardCount) {
        requireItems(items);
        if (shardCount <= 0) {
            throw new IllegalArgumentException("shard count must be positive, got " + shardCount);
        }
        return new Shards(Kind.STRIDED, items, 0, (int) Math.min(shardCount, Math.max(1, items)), null, 0, 0);
    }

    /** One shard per explicit list of item indices. */
    public static Shards indices(long[]... lists) {
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
        return new Shards(Kind.INDICES, 0, 0, copy.length, copy, 0, 0);
    }

    /** 2-D tiles of {@code tileRows × tileColumns}, numbered row-block-major. */
    public static Shards tiles(long rows, long columns, long tileRows, long tileColumns) {
        requireItems(rows);
        requireItems(columns);
        if (tileRows <= 0 || tileColumns <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileRows + " x " + tileColumns);
        }
        long count = (long) shardCount(rows, tileRows) * shardCount(columns, tileColumns);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many tiles (" + count + "): use bigger tiles");
        }
        return new Shards(Kind.TILES, rows, tileRows, (int) count, null, columns, tileColumns);
    }

    public int count() {
        return count;
    }

    /** Items per block (rows per tile); 0 for strided and listed shards. */
    public long blockSize() {
        return blockSize;
    }

    public Shard get(int id) {
        if (id < 0 || id >= count) {
            throw new IndexOutOfBoundsException("shard " + id + " of " + count + " shards");
        }
        return switch (kind) {
            case CONTIGUOUS -> new Shard(id, id * blockSize, Math.min(items, (id + 1) * blockSize), 1, null, 0, 0);
            case STRIDED -> new Shard(id, id, items, count, null, 0, 0);
            case INDICES -> new Shard(id, 0, 0, 1, lists[id], 0, 0);
            case TILES -> tile(id);
        };
    }

    private Shard tile(int id) {
        int columnBlocks = shardCount(columns, tileColumns);
        long rowBlock = id / columnBlocks;
        long columnBlock = id % columnBlocks;
        return new Shard(id, rowBlock * blockSize, Math.min(items, (rowBlock + 1) * blockSize), 1, null,
                columnBlock * tileColumns, Math.min(columns, (columnBlock + 1) * tileColumns));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONTIGUOUS -> count + " contiguous shards of " + blockSize + " over " + items + " items";
            case STRIDED -> count + " strided shards over " + items + " items";
            case INDICES -> count + " listed shards";
            case TILES -> count + " tiles of " + blockSize + "x" + tileColumns + " over " + items + "x" + columns;
        };
    }

    private static void requireItems(long items) {
        if (items <= 0) {
            throw new IllegalArgumentException("number of items must be positive, got " + items);
        }
    }

    private static int shardCount(long items, long block) {
        long count = (items + block - 1) / block;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(items + " items in blocks of " + block
                    + " make more than 2^31 shards: use a bigger block size");
        }
        return (int) count;
    }
}
