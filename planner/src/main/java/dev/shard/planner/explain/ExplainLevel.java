package dev.shard.planner.explain;

/** How much explain says: the plan, the plan after each rule, or the plan with a run's actuals. */
public enum ExplainLevel {
    PLAN,
    VERBOSE,
    ANALYZE
}
