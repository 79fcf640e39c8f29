package dev.shard.planner.physical;

import dev.shard.planner.PlanException;

/** A memory budget smaller than the shared data plus the workers' base: refused before anything starts. */
public final class InfeasibleBudgetException extends PlanException {
    public InfeasibleBudgetException(String message) {
        super(message, "raise the memory budget, or use fewer workers");
    }
}
