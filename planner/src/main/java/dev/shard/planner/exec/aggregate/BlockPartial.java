package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import java.io.Serializable;

/**
 * The aggregate state of one 65,536-row block of a stage's input: one row per group seen
 * in the block (in order of first appearance), its key columns and each aggregate's
 * state columns. Blocks are fixed by row index, so these are the same for any shard
 * layout, and folding them in block order gives bit-identical results.
 *
 * <p>A partitioned merge hands a partition only some of a block's groups; {@code positions}
 * then gives each row's place in the whole block's partial, so the merge can order groups
 * by first appearance in the input as the driver merge does. {@code null}: row r is at r.
 */
public record BlockPartial(long block, int groups, BatchColumn[] keys, BatchColumn[][] states, int[] positions)
        implements Serializable {
    /** The whole partial of a block. */
    public BlockPartial(long block, int groups, BatchColumn[] keys, BatchColumn[][] states) {
        this(block, groups, keys, states, null);
    }

    /** Row {@code row}'s place in its block's whole partial. */
    public int position(int row) {
        return positions == null ? row : positions[row];
    }

    /**
     * Where a group was first seen, comparable across blocks: the block, then the row's place
     * in the block's partial (which lists groups in order of first appearance).
     */
    public long firstSeen(int row) {
        return (block << Integer.SIZE) | position(row);
    }
}
