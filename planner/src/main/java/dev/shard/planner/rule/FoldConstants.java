package dev.shard.planner.rule;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.NamedExpr;
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
import java.util.List;
import java.util.Optional;

/**
 * Evaluates at plan time every call whose arguments are all constants ({@code 2 * 0.5},
 * {@code lower("A")}), so workers do not repeat it per row; generator functions
 * ({@code random(1)}, {@code row()}) are never folded. A filter whose condition folds to
 * true disappears. The values are those of {@link ScalarInterpreter}.
 */
public final class FoldConstants implements Rule {
    @Override
    public String name() {
        return "fold_constants";
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan rebuilt = plan.withInputs(plan.inputs().stream().map(this::apply).toList());
        return switch (rebuilt) {
            case LogicalFilter filter -> {
                Expr predicate = fold(filter.predicate());
                yield predicate instanceof Literal literal && Boolean.TRUE.equals(literal.value())
                        ? filter.input() : new LogicalFilter(filter.input(), predicate);
            }
            case LogicalProject project -> new LogicalProject(project.input(), folded(project.columns()));
            case LogicalGenerate generate -> new LogicalGenerate(generate.rows(), folded(generate.columns()));
            case LogicalAggregate aggregate -> new LogicalAggregate(aggregate.input(), aggregate.keys(),
                    aggregate.aggregates().stream().map(a -> new AggregateCall(a.name(), a.function(),
                            a.argument() == null ? null : fold(a.argument()))).toList());
            case LogicalScan _, LogicalJoin _, LogicalSort _, LogicalLimit _, LogicalMapKernel _, LogicalShardRows _,
                    LogicalWrite _ -> rebuilt;
        };
    }

    private static List<NamedExpr> folded(List<NamedExpr> columns) {
        return columns.stream().map(c -> NamedExpr.of(c.name(), fold(c.expr()))).toList();
    }

    /** {@code expr} with every constant call replaced by its value. */
    public static Expr fold(Expr expr) {
        return switch (expr) {
            case Column column -> column;
            case Literal literal -> literal;
            case Call call -> {
                List<Expr> arguments = call.arguments().stream().map(FoldConstants::fold).toList();
                Call folded = new Call(call.function(), arguments);
                List<Literal> literals = new ArrayList<>();
                for (Expr argument : arguments) {
                    if (!(argument instanceof Literal literal)) {
                        yield folded;
                    }
                    literals.add(literal);
                }
                Optional<Literal> value = ScalarInterpreter.evaluate(folded, literals);
                yield value.isPresent() ? value.get() : folded;
            }
        };
    }
}
