package dev.shard.planner.rule;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.JoinKey;
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
import dev.shard.planner.logical.SortKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops the columns nothing above uses: a scan of an Arrow file then maps only the
 * columns it needs, a generator computes only those, and a projection stops computing
 * unused expressions. The root keeps every column it had; a map kernel and a write need
 * all of their input. A source keeps at least one column, so its rows can still be counted.
 */
public final class PruneColumns implements Rule {
    @Override
    public String name() {
        return "prune_columns";
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return prune(plan, Set.copyOf(plan.schema().names()));
    }

    /** {@code plan} producing at least {@code required} of its columns, and as few others as it can. */
    private LogicalPlan prune(LogicalPlan plan, Set<String> required) {
        return switch (plan) {
            case LogicalScan scan -> scan.readingOnly(keepOne(scan.schema().names(), required));
            case LogicalGenerate generate -> generate.producingOnly(keepOne(generate.schema().names(), required));
            case LogicalProject project -> {
                List<NamedExpr> kept = project.columns().stream().filter(c -> required.contains(c.name())).toList();
                if (kept.isEmpty()) {
                    kept = List.of(project.columns().get(0));
                }
                Set<String> used = new LinkedHashSet<>();
                kept.forEach(c -> used.addAll(Exprs.columns(c.expr())));
                yield new LogicalProject(prune(project.input(), used), kept);
            }
            case LogicalFilter filter -> new LogicalFilter(
                    prune(filter.input(), union(required, Exprs.columns(filter.predicate()))), filter.predicate());
            case LogicalAggregate aggregate -> {
                Set<String> used = new LinkedHashSet<>(aggregate.keys());
                for (AggregateCall call : aggregate.aggregates()) {
                    if (call.argument() != null) {
                        used.addAll(Exprs.columns(call.argument()));
                    }
                }
                yield new LogicalAggregate(prune(aggregate.input(), used), aggregate.keys(), aggregate.aggregates());
            }
            case LogicalJoin join -> {
                Set<String> left = new LinkedHashSet<>(join.keys().stream().map(JoinKey::left).toList());
                join.left().schema().names().stream().filter(required::contains).forEach(left::add);
                Set<String> right = new LinkedHashSet<>(join.keys().stream().map(JoinKey::right).toList());
                join.right().schema().names().stream()
                        .filter(name -> required.contains(name) && join.left().schema().indexOf(name) < 0)
                        .forEach(right::add);
                yield new LogicalJoin(prune(join.left(), left), prune(join.right(), right), join.type(), join.keys());
            }
            case LogicalSort sort -> new LogicalSort(
                    prune(sort.input(), union(required, sort.keys().stream().map(SortKey::column).toList())), sort.keys());
            case LogicalLimit limit -> new LogicalLimit(prune(limit.input(), required), limit.count());
            case LogicalShardRows shardRows -> new LogicalShardRows(prune(shardRows.input(), required),
                    shardRows.rowsPerShard());
            case LogicalMapKernel kernel -> kernel.withInputs(List.of(apply(kernel.input())));
            case LogicalWrite write -> new LogicalWrite(apply(write.input()), write.target());
        };
    }

    /** The names in {@code available} that are {@code required}, or the first one when none is. */
    private static List<String> keepOne(List<String> available, Set<String> required) {
        List<String> kept = available.stream().filter(required::contains).toList();
        return kept.isEmpty() && !available.isEmpty() ? List.of(available.get(0)) : kept;
    }

    private static Set<String> union(Set<String> a, java.util.Collection<String> b) {
        Set<String> result = new LinkedHashSet<>(a);
        result.addAll(b);
        return result;
    }
}
