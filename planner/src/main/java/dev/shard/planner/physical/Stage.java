package dev.shard.planner.physical;

/**
 * A stage: its fragment, run once per shard over contiguous row ranges of its input.
 * Shard sizes are multiples of the stage's block ({@link StageSizing#BLOCK_ROWS}, or an
 * aggregation's {@link StageSizing#aggregateBlockRows}), so that block partials never
 * straddle shards.
 */
public record Stage(int id, StageFragment fragment, StageSizing.Choice sizing) {
    public long rows() {
        return fragment.source().rows();
    }
}
