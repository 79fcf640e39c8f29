package dev.shard.planner.exec;

import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;

/**
 * Gives back, before a stage runs, the heap that earlier stages grew beyond what the stage needs
 * (see StageHeap): run by the driver with a few shards per worker, so that each worker takes one
 * and what it held before the stage does not count in the stage's sampled peak.
 *
 * @param heap what the stage needs of a worker's heap
 */
public record HeapFitKernel(StageHeapNeed heap) implements ShardKernel<Long> {
    /** Bytes of heap this worker uncommitted (0: its heap fitted, or another shard of this run trimmed it). */
    @Override
    public Long run(ShardContext context) {
        return StageHeap.fitBeforeShard(heap);
    }
}
