package dev.shard.planner.physical;

import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;

/**
 * Output rows of a logical plan estimated without statistics, as explain does: sources
 * are exact, a filter keeps half, an aggregation gives at most {@value #GROUP_ESTIMATE}
 * groups (one without keys), a join as many rows as its left side (a left join at least).
 */
public final class RowEstimates {
    public static final long GROUP_ESTIMATE = 100_000;

    private RowEstimates() {
    }

    public static long of(LogicalPlan plan) {
        return switch (plan) {
            case LogicalGenerate generate -> generate.rows();
            case LogicalScan scan -> scan.rows();
            case LogicalFilter filter -> of(filter.input()) / 2;
            case LogicalProject project -> of(project.input());
            case LogicalShardRows shardRows -> of(shardRows.input());
            case LogicalSort sort -> of(sort.input());
            case LogicalWrite write -> of(write.input());
            case LogicalMapKernel kernel -> of(kernel.input());
            case LogicalLimit limit -> Math.min(limit.count(), of(limit.input()));
            case LogicalAggregate aggregate -> aggregate.keys().isEmpty() ? 1
                    : Math.min(GROUP_ESTIMATE, of(aggregate.input()));
            case LogicalJoin join -> of(join.left());
        };
    }
}
