package dev.shard.planner.matrix;

import dev.shard.planner.physical.InfeasibleBudgetException;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.tune.DataShape;
import dev.shard.runtime.tune.ItemUnit;
import dev.shard.runtime.tune.ShardChoice;
import dev.shard.runtime.tune.ShardTuner;
import dev.shard.runtime.tune.TuneRequest;

/**
 * Sizes an apply through the shard-size tuner, as the physical planner sizes a stage: the
 * items are calls, an item's bytes are the elements it reads, its working set is the declared
 * footprint, and the matrix and side inputs count as shared bytes against the budget. Results
 * never depend on the layout (one result per call), so there is no determinism block.
 */
public final class MatrixApplyPlanner {
    /**
     * Estimated compute per element a call reads, for the overhead floor: measured on W1 (a
     * correlation reads two doubles per element), 2,000 columns of 10,000 in 20 ms on a warm
     * 2-worker pool, about 2 ns per element per worker (bench/results/2026-12-02-runtime.md);
     * a kernel of its own is assumed to cost the same.
     */
    static final double NANOS_PER_ELEMENT = 2.0;

    private MatrixApplyPlanner() {
    }

    /**
     * @param matricesShared true when {@code context.sharedBytes()} already counts the matrix
     *                       and side inputs (a session that shared them), false to add them
     * @throws IllegalArgumentException when the matrix has no row or column to call on
     * @throws InfeasibleBudgetException when the budget cannot hold the shared inputs, the
     *     workers' base and one call's footprint per worker
     */
    public static MatrixApplyPlan plan(MatrixApply apply, PlanningContext context, boolean matricesShared) {
        if (apply.calls() == 0) {
            throw new IllegalArgumentException("an apply over the " + apply.marginName() + "s of `" + apply.matrix()
                    + "` makes no calls: it is " + apply.rows() + " × " + apply.columns() + "; give it at least one "
                    + apply.marginName());
        }
        long shared = matricesShared ? context.sharedBytes()
                : Math.addExact(context.sharedBytes(), apply.sharedBytes());
        long bytesPerCall = Math.max(1, Math.multiplyExact(apply.vectorLength(), Double.BYTES));
        boolean budgeted = context.memoryBudgetBytes() > 0;
        double amplification = (double) apply.footprintBytesPerCall() / bytesPerCall;
        double nanosPerCall = Math.max(apply.vectorLength(), 1) * NANOS_PER_ELEMENT;
        TuneRequest request = new TuneRequest(new DataShape(apply.calls(), bytesPerCall), context.machine(),
                budgeted ? context.memoryBudgetBytes() : Long.MAX_VALUE, shared, budgeted ? amplification : 0,
                nanosPerCall, apply.pinnedCallsPerShard(), 1);
        ShardChoice choice;
        try {
            choice = ShardTuner.choose(request, ItemUnit.CALLS);
        } catch (dev.shard.runtime.tune.InfeasibleBudgetException e) {
            throw new InfeasibleBudgetException(e.getMessage(), e.smallestFeasibleBudgetBytes());
        }
        long callsPerShard = Math.min(choice.rowsPerShard(), Math.max(apply.calls(), 1));
        long peak = Math.addExact(context.machine().workerBasePrivateBytes(),
                Math.multiplyExact(callsPerShard, apply.footprintBytesPerCall()));
        return new MatrixApplyPlan(apply, callsPerShard, choice.shards(), context.workers(),
                choice.binding().displayName(), choice.arithmetic(), peak, context.memoryBudgetBytes(),
                context.memoryBudgetSource(), shared);
    }
}
