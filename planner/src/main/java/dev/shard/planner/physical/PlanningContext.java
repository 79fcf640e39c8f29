package dev.shard.planner.physical;

import dev.shard.runtime.tune.MachineProfile;
import java.util.Objects;

/**
 * What the physical planner sizes stages against.
 *
 * @param machine           the pool's workers, a worker JVM's base private memory (measured at
 *                          pool start when known) and the dispatch overhead per shard
 * @param memoryBudgetBytes the whole run's memory budget (0: none)
 * @param sharedBytes       bytes already published in shared segments
 */
public record PlanningContext(MachineProfile machine, long memoryBudgetBytes, long sharedBytes) {
    public PlanningContext {
        Objects.requireNonNull(machine, "machine");
        if (memoryBudgetBytes < 0 || sharedBytes < 0) {
            throw new IllegalArgumentException("the memory budget and shared bytes must be ≥ 0, got "
                    + memoryBudgetBytes + " and " + sharedBytes);
        }
    }

    /** {@code workers} workers with the tuner's measured default base and dispatch overhead. */
    public PlanningContext(int workers, long memoryBudgetBytes, long sharedBytes) {
        this(MachineProfile.withWorkers(workers), memoryBudgetBytes, sharedBytes);
    }

    public int workers() {
        return machine.workers();
    }
}
