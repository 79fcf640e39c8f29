package dev.shard.planner.rule;

import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves each conjunct of a filter as close to the data as it keeps its meaning, so fewer
 * rows flow through the operators above: below a projection when it reads only
 * pass-through columns (renamed to the input's names), below a sort, into the side of an
 * inner join whose columns it reads (a condition on join keys alone into both sides), into
 * the left side of a left join, below an aggregate when it reads only group keys. Never
 * below a limit, a map kernel or a write, and a conjunct calling row() or random() stays
 * where it is: its value depends on the row's position. Adjacent filters merge.
 */
public final class PushDownFilter implements Rule {
    @Override
    public String name() {
        return "push_down_filter";
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (plan instanceof LogicalFilter filter) {
            return pushed(filter.input(), Exprs.conjuncts(filter.predicate()));
        }
        return plan.withInputs(plan.inputs().stream().map(this::apply).toList());
    }

    /** {@code conjuncts} over {@code input}, each as deep as it may go. */
    private LogicalPlan pushed(LogicalPlan input, List<Expr> conjuncts) {
        if (conjuncts.isEmpty()) {
            return apply(input);
        }
        List<Expr> movable = conjuncts.stream().filter(c -> !Exprs.usesGenerator(c)).toList();
        List<Expr> staying = new ArrayList<>(conjuncts.stream().filter(Exprs::usesGenerator).toList());
        return switch (input) {
            case LogicalFilter inner -> {
                List<Expr> merged = new ArrayList<>(Exprs.conjuncts(inner.predicate()));
                merged.addAll(conjuncts);
                yield pushed(inner.input(), merged);
            }
            case LogicalSort sort -> filtered(new LogicalSort(pushed(sort.input(), movable), sort.keys()), staying);
            case LogicalProject project -> throughProject(project, movable, staying);
            case LogicalAggregate aggregate -> {
                List<Expr> onKeys = movable.stream().filter(c -> aggregate.keys().containsAll(Exprs.columns(c))).toList();
                movable.stream().filter(c -> !onKeys.contains(c)).forEach(staying::add);
                yield filtered(new LogicalAggregate(pushed(aggregate.input(), onKeys), aggregate.keys(),
                        aggregate.aggregates()), staying);
            }
            case LogicalJoin join -> throughJoin(join, movable, staying);
            case LogicalScan _, LogicalGenerate _, LogicalLimit _, LogicalMapKernel _, LogicalShardRows _,
                    LogicalWrite _ -> filtered(apply(input), conjuncts);
        };
    }

    private LogicalPlan throughProject(LogicalProject project, List<Expr> movable, List<Expr> staying) {
        Map<String, String> passThrough = new HashMap<>();
        for (NamedExpr column : project.columns()) {
            if (column.expr() instanceof Column source) {
                passThrough.put(column.name(), source.name());
            }
        }
        List<Expr> below = new ArrayList<>();
        for (Expr conjunct : movable) {
            if (passThrough.keySet().containsAll(Exprs.columns(conjunct))) {
                below.add(Exprs.renameColumns(conjunct, passThrough));
            } else {
                staying.add(conjunct);
            }
        }
        return filtered(new LogicalProject(pushed(project.input(), below), project.columns()), staying);
    }

    private LogicalPlan throughJoin(LogicalJoin join, List<Expr> movable, List<Expr> staying) {
        Set<String> leftColumns = Set.copyOf(join.left().schema().names());
        Set<String> rightColumns = Set.copyOf(join.right().schema().names());
        Map<String, String> leftKeyToRight = new HashMap<>();
        for (JoinKey key : join.keys()) {
            if (join.left().schema().require(key.left(), "join").type()
                    == join.right().schema().require(key.right(), "join").type()) {
                leftKeyToRight.put(key.left(), key.right());
            }
        }
        List<Expr> left = new ArrayList<>();
        List<Expr> right = new ArrayList<>();
        for (Expr conjunct : movable) {
            Set<String> used = Exprs.columns(conjunct);
            boolean onLeft = leftColumns.containsAll(used);
            if (onLeft) {
                left.add(conjunct);
                if (join.type() == JoinType.INNER && !used.isEmpty() && leftKeyToRight.keySet().containsAll(used)) {
                    right.add(Exprs.renameColumns(conjunct, leftKeyToRight));
                }
            } else if (join.type() == JoinType.INNER && rightColumns.containsAll(used)
                    && used.stream().noneMatch(leftColumns::contains)) {
                right.add(conjunct);
            } else {
                staying.add(conjunct);
            }
        }
        return filtered(new LogicalJoin(pushed(join.left(), left), pushed(join.right(), right), join.type(),
                join.keys()), staying);
    }

    private static LogicalPlan filtered(LogicalPlan input, List<Expr> conjuncts) {
        return conjuncts.isEmpty() ? input : new LogicalFilter(input, Exprs.and(conjuncts));
    }
}
