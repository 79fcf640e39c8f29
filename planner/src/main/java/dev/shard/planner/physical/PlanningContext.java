package dev.shard.planner.physical;

/**
 * What the physical planner sizes stages against.
 *
 * @param workers           worker processes of the pool
 * @param memoryBudgetBytes the whole run's memory budget (0: none)
 * @param sharedBytes       bytes already published in shared segments
 */
public record PlanningContext(int workers, long memoryBudgetBytes, long sharedBytes) {
    public PlanningContext {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
    }
}
