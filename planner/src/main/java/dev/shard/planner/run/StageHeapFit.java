package dev.shard.planner.run;

import dev.shard.planner.exec.HeapFitKernel;
import dev.shard.planner.exec.StageHeapNeed;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.tune.HumanUnits;
import dev.shard.runtime.tune.WorkerMemory;
import java.util.Optional;

/**
 * Before a stage, the workers give back heap that earlier stages grew beyond what it needs, so
 * that the stage's sampled peak is its own (see exec.StageHeap): when a worker's private memory
 * exceeds the stage's estimated peak by more than the excess a worker keeps, a short run of
 * {@link HeapFitKernel} shards trims each worker that takes one.
 */
final class StageHeapFit {
    private static final System.Logger LOG = System.getLogger(StageHeapFit.class.getName());
    /**
     * Fit shards per worker: dispatch is pull-based, and the first fit shard a worker takes holds
     * it while it collects (tens of ms), so the other workers take the rest. A worker none reaches
     * trims at the stage's first shard instead.
     */
    static final int SHARDS_PER_WORKER = 4;

    private StageHeapFit() {
    }

    /**
     * What the plan's stage asks of a worker's heap: its estimated peak less what a worker holds
     * outside its heap; nothing without a budget, where the estimate counts no shard.
     */
    static StageHeapNeed need(PhysicalPlan plan) {
        if (plan.context().memoryBudgetBytes() <= 0) {
            return StageHeapNeed.NONE;
        }
        long bytes = plan.stage().sizing().estimatedPeakPrivateBytesPerWorker() - WorkerMemory.NON_HEAP_PRIVATE_BYTES;
        return bytes <= 0 ? StageHeapNeed.NONE : new StageHeapNeed(bytes, plan.stage().fragment().hashCode());
    }

    /** Whether a worker holds more than the stage's estimate and the excess a worker keeps: the pool's last readings. */
    static boolean worthFitting(PoolStatus status, long estimatedPeakBytes, StageHeapNeed heap) {
        long limit = estimatedPeakBytes + heap.excessAllowed();
        return heap.bytes() > 0 && status.workers().stream().anyMatch(worker -> worker.currentPrivateBytes() > limit);
    }

    /**
     * Runs the fit shards when a worker's private memory says so; returns what the stage's
     * explanation says of it (the heap given back and the time it took, which the query's time
     * includes), or nothing when no fit ran.
     */
    static Optional<String> beforeStage(Pool pool, PhysicalPlan plan, StageHeapNeed heap) {
        if (heap.bytes() <= 0) {
            return Optional.empty();
        }
        PoolStatus status = pool.status();
        long estimate = plan.stage().sizing().estimatedPeakPrivateBytesPerWorker();
        if (!worthFitting(status, estimate, heap)) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        int shards = SHARDS_PER_WORKER * status.workers().size();
        long given = pool.shardMap(Shards.contiguous(shards, 1), new HeapFitKernel(heap), RunOptions.none())
                .results().stream().mapToLong(Long::longValue).sum();
        String note = "before the stage, a worker held more than its estimate of " + HumanUnits.bytes(estimate)
                + " and " + HumanUnits.bytes(heap.excessAllowed()) + ": " + shards
                + " heap-fit shards gave back " + HumanUnits.bytes(given) + " of heap in "
                + HumanUnits.nanos(System.nanoTime() - start);
        LOG.log(System.Logger.Level.DEBUG, note);
        return Optional.of(note);
    }
}
