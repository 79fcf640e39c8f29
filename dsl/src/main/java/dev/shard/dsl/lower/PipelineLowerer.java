package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Assignment;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.Pipeline;
import dev.shard.dsl.ast.SelectItem;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.planner.PlanException;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.WriteTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pipeline → one logical plan, step by step: each verb becomes the node the fluent
 * API would build. A {@link PlanException} from building a node becomes a diagnostic at
 * the span of the step that caused it.
 */
final class PipelineLowerer {
    private final Path workingDirectory;
    private final Map<String, LogicalPlan> tables;
    private final ExpressionLowerer expressions;
    private final Constants constants;
    private final SourceLowerer sources;

    PipelineLowerer(Path workingDirectory, Map<String, LogicalPlan> tables, MatrixScans matrices,
                    ExpressionLowerer expressions, Constants constants) {
        this.workingDirectory = workingDirectory;
        this.tables = tables;
        this.expressions = expressions;
        this.constants = constants;
        this.sources = new SourceLowerer(workingDirectory, tables, matrices, expressions, constants);
    }

    LogicalPlan lower(Pipeline pipeline) {
        LogicalPlan plan = sources.lower(pipeline.source());
        Set<String> joined = new LinkedHashSet<>();
        for (Step step : pipeline.steps()) {
            try {
                plan = step(plan, step, joined);
            } catch (PlanException e) {
                List<String> hints = e.hint().isEmpty() ? List.of() : List.of(e.hint());
                String message = e.getMessage().startsWith(step.verb()) ? e.getMessage()
                        : "`" + step.verb() + "`: " + e.getMessage();
                throw expressions.fail(Diagnostic.error(ErrorCode.PLAN_ERROR, step.span(), message, hints));
            }
        }
        return plan;
    }

    private LogicalPlan step(LogicalPlan plan, Step step, Set<String> joined) {
        return switch (step) {
            case Step.Filter filter -> new LogicalFilter(plan, expressions.lower(filter.condition(), plan.schema(), joined));
            case Step.Derive derive -> derive(plan, derive.columns(), joined);
            case Step.Select select -> {
                List<NamedExpr> columns = new ArrayList<>();
                for (SelectItem item : select.items()) {
                    Expression value = item.value().orElse(new Expression.NameReference(Optional.empty(), item.name(),
                            item.name().span()));
                    columns.add(NamedExpr.of(item.name().text(), expressions.lower(value, plan.schema(), joined)));
                }
                yield new LogicalProject(plan, columns);
            }
            case Step.Group group -> group(plan, group, joined);
            case Step.Join join -> join(plan, join, joined);
            case Step.Sort sort -> {
                sort.keys().forEach(key -> column(key.column(), plan, joined));
                yield new LogicalSort(plan, sort.keys().stream()
                        .map(key -> new SortKey(key.column().text(), key.descending())).toList());
            }
            case Step.Take take -> new LogicalLimit(plan, constants.count(take.count(), "take"));
            case Step.ShardRows shard -> new LogicalShardRows(plan, constants.count(shard.rows(), "shard rows"));
            case Step.Write write -> {
                Path path = workingDirectory.resolve(write.path().value()).normalize();
                WriteTarget target = WriteTarget.forPath(path);
                if (target == null) {
                    throw expressions.fail(Diagnostic.error(ErrorCode.PLAN_ERROR, write.path().span(),
                            "cannot tell the format of `" + write.path().value() + "` from its name",
                            "name the output .csv (CSV with a header) or .arrow (an Arrow IPC file)"));
                }
                yield new LogicalWrite(plan, target);
            }
            case Step.MapKernel map -> KernelLowering.lower(plan, map, expressions);
        };
    }

    /** Assignments of one derive; one that reads a column made earlier in the same step starts a new node. */
    private LogicalPlan derive(LogicalPlan plan, List<Assignment> assignments, Set<String> joined) {
        List<NamedExpr> pending = new ArrayList<>();
        Set<String> pendingNames = new HashSet<>();
        for (Assignment assignment : assignments) {
            if (!pending.isEmpty() && References.of(assignment.value()).stream().anyMatch(pendingNames::contains)) {
                plan = LogicalProject.derive(plan, pending);
                pending = new ArrayList<>();
                pendingNames.clear();
            }
            pending.add(NamedExpr.of(assignment.name().text(),
                    expressions.lower(assignment.value(), plan.schema(), joined)));
            pendingNames.add(assignment.name().text());
        }
        return LogicalProject.derive(plan, pending);
    }

    private LogicalPlan group(LogicalPlan plan, Step.Group group, Set<String> joined) {
        group.keys().forEach(key -> column(key, plan, joined));
        List<AggregateCall> calls = new ArrayList<>();
        for (Assignment aggregate : group.aggregates()) {
            if (!(aggregate.value() instanceof Expression.Call call)
                    || AggregateFunction.named(call.function().text()).isEmpty() || call.arguments().size() > 1) {
                throw expressions.fail(Diagnostic.error(ErrorCode.NOT_AN_AGGREGATE, aggregate.value().span(),
                        "`" + aggregate.name().text() + "` must be one aggregate of one expression, such as"
                                + " sum(amount)", "compute with the aggregate's result in a `derive` after the group"));
            }
            AggregateFunction function = AggregateFunction.named(call.function().text()).orElseThrow();
            Expr argument = call.arguments().isEmpty() ? null
                    : expressions.lower(call.arguments().getFirst().value(), plan.schema(), joined);
            calls.add(new AggregateCall(aggregate.name().text(), function, argument));
        }
        return new LogicalAggregate(plan, group.keys().stream().map(Name::text).toList(), calls);
    }

    private LogicalPlan join(LogicalPlan plan, Step.Join join, Set<String> joined) {
        LogicalPlan right = tables.get(join.table().text());
        if (right == null) {
            throw expressions.fail(Diagnostic.error(ErrorCode.WRONG_KIND_OF_NAME, join.table().span(),
                    "`" + join.table().text() + "` is not a table", "join a table bound with `let name = from ...`"));
        }
        List<JoinKey> keys = new ArrayList<>();
        for (dev.shard.dsl.ast.JoinKey key : join.keys()) {
            Expr left = expressions.lower(key.left(), plan.schema(), joined);
            Expr other = expressions.lower(key.right(), right.schema(), Set.of(join.table().text()));
            if (!(left instanceof Column leftColumn) || !(other instanceof Column rightColumn)) {
                throw expressions.fail(Diagnostic.error(ErrorCode.PLAN_ERROR, key.span(),
                        "join keys are columns: `column == " + join.table().text() + ".column`",
                        "compute the key with `derive` before the join"));
            }
            keys.add(new JoinKey(leftColumn.name(), rightColumn.name()));
        }
        joined.add(join.table().text());
        return new LogicalJoin(plan, right, join.left() ? JoinType.LEFT : JoinType.INNER, keys);
    }

    private void column(Name name, LogicalPlan plan, Set<String> joined) {
        expressions.lower(new Expression.NameReference(Optional.empty(), name, name.span()), plan.schema(), joined);
    }
}
