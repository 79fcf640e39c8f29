package dev.shard.planner.physical;

/**
 * A stage: its fragment, run once per shard over contiguous row ranges of its input.
 * Shard sizes are multiples of {@link StageSizing#BLOCK_ROWS}, so that block partials
 * never straddle shards.
 */
public record Stage(int id, StageFragment fragment, StageSizing.Choice sizing) {
    public long rows() {
        return fragment.source().rows();
    }
}
