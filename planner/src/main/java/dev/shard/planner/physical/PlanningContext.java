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
 * @param memoryBudgetSource where the budget came from, as explain prints it: {@value #SET} by
 *                          the caller, {@value #NONE}, or derived from the machine's memory
 */
public record PlanningContext(MachineProfile machine, long memoryBudgetBytes, long sharedBytes,
        String memoryBudgetSource) {
    public static final String SET = "set";
    public static final String NONE = "none";

    public PlanningContext {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(memoryBudgetSource, "memoryBudgetSource");
        if (memoryBudgetBytes < 0 || sharedBytes < 0) {
            throw new IllegalArgumentException("the memory budget and shared bytes must be ≥ 0, got "
                    + memoryBudgetBytes + " and " + sharedBytes);
        }
    }

    /** A budget the caller chose ({@value #SET}), or none when it is 0. */
    public PlanningContext(MachineProfile machine, long memoryBudgetBytes, long sharedBytes) {
        this(machine, memoryBudgetBytes, sharedBytes, memoryBudgetBytes > 0 ? SET : NONE);
    }

    /** {@code workers} workers with the tuner's measured default base and dispatch overhead. */
    public PlanningContext(int workers, long memoryBudgetBytes, long sharedBytes) {
        this(MachineProfile.withWorkers(workers), memoryBudgetBytes, sharedBytes);
    }

    public int workers() {
        return machine.workers();
    }
}
