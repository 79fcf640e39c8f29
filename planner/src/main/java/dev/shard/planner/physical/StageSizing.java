package dev.shard.planner.physical;

import dev.shard.runtime.tune.DataShape;
import dev.shard.runtime.tune.ShardChoice;
import dev.shard.runtime.tune.ShardTuner;
import dev.shard.runtime.tune.TuneRequest;

/**
 * Rows per shard for a stage: the one place the planner sizes shards, through the
 * shard-size tuner ({@link ShardTuner}, a pure function). The stage's amplification and
 * compute per row are the sums of what its operators declare ({@link OperatorCost}):
 * they run in one pass over the same shard. Sizes are whole blocks (65,536 rows; an
 * aggregation's may be larger, see {@link #aggregateBlockRows}), so block partials never
 * straddle shards.
 */
public final class StageSizing {
    /** The determinism block: floating-point partials are computed per block and folded in block order. */
    public static final long BLOCK_ROWS = TuneRequest.ENGINE_BLOCK_ROWS;
    /**
     * An aggregation over many rows folds larger blocks: every block sends one partial row per
     * group to the driver, so 64K-row blocks made W2 (20M rows, 1,000 groups) ship 1.4 MB of
     * partials per shard and fold 305 blocks on the driver. Blocks grow while the stage keeps at
     * least this many of them, enough to cut shards for balance.
     */
    static final long MIN_AGGREGATE_BLOCKS = 64;
    /**
     * The largest aggregation block, 16 base blocks (1M rows): past it a shard's partials are a
     * handful already, and larger blocks would only make shards coarser.
     */
    static final long MAX_AGGREGATE_BLOCK_ROWS = 16 * BLOCK_ROWS;

    private StageSizing() {
    }

    /**
     * The determinism block of an aggregation over {@code rows} source rows: a power of two times
     * {@link #BLOCK_ROWS}, a function of the rows alone, so the partials and their fold order, hence
     * the result's bits, are the same for every worker count, budget and shard layout. Below
     * 64 × 128K rows it is {@link #BLOCK_ROWS}.
     */
    public static long aggregateBlockRows(long rows) {
        long block = BLOCK_ROWS;
        while (block < MAX_AGGREGATE_BLOCK_ROWS && rows / (2 * block) >= MIN_AGGREGATE_BLOCKS) {
            block *= 2;
        }
        return block;
    }

    /**
     * The choice and why.
     *
     * @param binding one of memory, overhead, balance, pinned
     * @param arithmetic the tuner's line in human units
     * @param estimatedPeakPrivateBytesPerWorker a worker's base, what it holds for the whole stage (a
     *     broadcast join's hash tables) and one shard's working set
     */
    public record Choice(long rowsPerShard, int shards, String binding, String arithmetic,
            long estimatedPeakPrivateBytesPerWorker) {
    }

    /**
     * @param pinnedRows rows per shard the user pinned (0: none); rounded up to whole blocks
     * @throws InfeasibleBudgetException when the budget cannot hold the shared data, the
     *     workers' base and one shard per worker
     */
    public static Choice choose(long rows, long bytesPerRow, OperatorCost cost, PlanningContext context,
            long pinnedRows) {
        return choose(rows, bytesPerRow, cost, context, pinnedRows, 0);
    }

    /**
     * @param heldBytesPerWorker what every worker holds for the whole stage beside its base,
     *     whatever its shards: the hash tables of the stage's broadcast joins, built once per
     *     worker. Shards fit what is left of a worker's share, and the estimated peak counts it.
     */
    public static Choice choose(long rows, long bytesPerRow, OperatorCost cost, PlanningContext context,
            long pinnedRows, long heldBytesPerWorker) {
        return choose(rows, bytesPerRow, cost, context, pinnedRows, heldBytesPerWorker, BLOCK_ROWS);
    }

    /** @param blockRows the stage's determinism block: shards are whole blocks (see {@link #aggregateBlockRows}) */
    public static Choice choose(long rows, long bytesPerRow, OperatorCost cost, PlanningContext context,
            long pinnedRows, long heldBytesPerWorker, long blockRows) {
        boolean budgeted = context.memoryBudgetBytes() > 0;
        // Without a budget memory cannot bind: the tuner sees rows as free ("memory ceiling unlimited").
        TuneRequest request = new TuneRequest(new DataShape(rows, bytesPerRow), context.machine(),
                budgeted ? context.memoryBudgetBytes() : Long.MAX_VALUE, context.sharedBytes(),
                budgeted ? cost.amplification() : 0, Math.max(cost.nanosPerRow(), Double.MIN_NORMAL), pinnedRows,
                blockRows, budgeted ? heldBytesPerWorker : 0);
        ShardChoice choice;
        try {
            choice = ShardTuner.choose(request);
        } catch (dev.shard.runtime.tune.InfeasibleBudgetException e) {
            throw new InfeasibleBudgetException(e.getMessage(), e.smallestFeasibleBudgetBytes());
        }
        long shardRows = Math.min(choice.rowsPerShard(), Math.max(rows, 1));
        long peak = context.machine().workerBasePrivateBytes() + heldBytesPerWorker
                + (long) Math.ceil(shardRows * (double) bytesPerRow * cost.amplification());
        return new Choice(choice.rowsPerShard(), choice.shards(), choice.binding().displayName(),
                choice.arithmetic(), peak);
    }

    /** Refuses a budget that cannot run even a one-row stage (checked before the workers start). */
    public static void checkBudget(PlanningContext context) {
        if (context.memoryBudgetBytes() > 0) {
            choose(1, Long.BYTES, new OperatorCost(1, 1), context, 0);
        }
    }
}
