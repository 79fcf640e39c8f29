package dev.shard.planner.physical;

import dev.shard.planner.PlanException;

/**
 * A memory budget that cannot hold the shared data, the workers' base and one shard per
 * worker: refused before anything starts. The message is the tuner's, naming the numbers
 * and the smallest budget that works.
 */
public final class InfeasibleBudgetException extends PlanException {
    private final long smallestFeasibleBudgetBytes;

    public InfeasibleBudgetException(String message, long smallestFeasibleBudgetBytes) {
        super(message, "raise the memory budget, or use fewer workers");
        this.smallestFeasibleBudgetBytes = smallestFeasibleBudgetBytes;
    }

    /** The smallest budget with which the same plan is accepted. */
    public long smallestFeasibleBudgetBytes() {
        return smallestFeasibleBudgetBytes;
    }
}
