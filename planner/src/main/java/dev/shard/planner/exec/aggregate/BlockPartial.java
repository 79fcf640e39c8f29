package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import java.io.Serializable;

/**
 * The aggregate state of one 65,536-row block of a stage's input: one row per group seen
 * in the block (in order of first appearance), its key columns and each aggregate's
 * state columns. Blocks are fixed by row index, so these are the same for any shard
 * layout, and folding them in block order gives bit-identical results.
 */
public record BlockPartial(long block, int groups, BatchColumn[] keys, BatchColumn[][] states)
        implements Serializable {
}
