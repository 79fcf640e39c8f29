package dev.shard.planner.logical;

import dev.shard.planner.type.Schema;
import java.util.List;

/**
 * What to compute, not how: an immutable tree whose every node has a resolved schema.
 * Nodes check their expressions against their input when built, so a plan that exists
 * is a plan whose names and types are right. Rules rewrite plans into new plans.
 */
public sealed interface LogicalPlan permits LogicalScan, LogicalGenerate, LogicalFilter, LogicalProject,
        LogicalAggregate, LogicalJoin, LogicalSort, LogicalLimit, LogicalMapKernel, LogicalShardRows,
        LogicalWrite {

    Schema schema();

    List<LogicalPlan> inputs();

    /** This node over new inputs (same count, same order): how rules rebuild a tree. */
    LogicalPlan withInputs(List<LogicalPlan> inputs);
}
