package dev.shard.planner.rule;

import dev.shard.planner.logical.LogicalPlan;

/** A rewrite of a logical plan into an equivalent one: same rows, same root schema. */
public interface Rule {
    /** The stable snake_case name explain prints ({@code push_down_filter}). */
    String name();

    /** The rewritten plan; the same plan (equal) when the rule does not apply. */
    LogicalPlan apply(LogicalPlan plan);
}
