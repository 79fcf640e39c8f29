package dev.shard.runtime.task;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The items one shard covers: a range {@code [start, end)} walked with {@code step}
 * (1 for contiguous shards, the shard count for strided ones), or an explicit
 * {@code indices} list. A 2-D tile also carries the column range
 * {@code [columnStart, columnEnd)}; its rows are {@code [start, end)}.
 */
public record Shard(int id, long start, long end, long step, long[] indices, long columnStart, long columnEnd) {

    public Shard {
        if (indices == null && step <= 0) {
            throw new IllegalArgumentException("shard " + id + ": step must be positive, got " + step);
        }
    }

    /** True for a 2-D tile (rows and columns). */
    public boolean isTile() {
        return columnEnd > columnStart;
    }

    /** Number of items: listed indices, range elements, or rows × columns for a tile. */
    public long size() {
        if (indices != null) {
            return indices.length;
        }
        long rows = end <= start ? 0 : (end - start + step - 1) / step;
        return isTile() ? rows * (columnEnd - columnStart) : rows;
    }

    /** The k-th item index (0-based k). Tiles have no single item index: use the row and column ranges. */
    public long item(long k) {
        if (isTile()) {
            throw new UnsupportedOperationException("shard " + id + " is a tile of rows [" + start + ", " + end
                    + ") and columns [" + columnStart + ", " + columnEnd + "): use start()/end() and"
                    + " columnStart()/columnEnd() instead of item(k)");
        }
        if (k < 0 || k >= size()) {
            throw new IndexOutOfBoundsException("item " + k + " of shard " + id + " which has " + size() + " items");
        }
        return indices != null ? indices[(int) k] : start + k * step;
    }

    /** Calls {@code action} with every item index in order (rows of a tile). */
    public void forEach(LongConsumer action) {
        if (indices != null) {
            for (long index : indices) {
                action.accept(index);
            }
            return;
        }
        for (long item = start; item < end; item += step) {
            action.accept(item);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shard that && id == that.id && start == that.start && end == that.end
                && step == that.step && Arrays.equals(indices, that.indices)
                && columnStart == that.columnStart && columnEnd == that.columnEnd;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(id) * 31 + Arrays.hashCode(indices) + Long.hashCode(start * 17 + end);
    }

    @Override
    public String toString() {
        if (indices != null) {
            return "Shard[" + id + ", " + indices.length + " listed items]";
        }
        String rows = "[" + start + ", " + end + (step == 1 ? ")" : ") step " + step);
        return isTile() ? "Shard[" + id + ", rows " + rows + ", columns [" + columnStart + ", " + columnEnd + ")]"
                : "Shard[" + id + ", " + rows + "]";
    }
}
