package dev.shard.planner.rule;

import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What rules ask of expressions: the columns they read, their conjuncts, generator use. */
final class Exprs {
    private Exprs() {
    }

    /** The columns {@code expr} reads, in first-use order. */
    static Set<String> columns(Expr expr) {
        Set<String> names = new LinkedHashSet<>();
        collect(expr, names);
        return names;
    }

    private static void collect(Expr expr, Set<String> names) {
        switch (expr) {
            case Column column -> names.add(column.name());
            case Literal literal -> {
            }
            case Call call -> call.arguments().forEach(argument -> collect(argument, names));
        }
    }

    /** Whether {@code expr} calls row(), random(...) or another function of the row's position. */
    static boolean usesGenerator(Expr expr) {
        return switch (expr) {
            case Column column -> false;
            case Literal literal -> false;
            case Call call -> call.function().isGenerator() || call.arguments().stream().anyMatch(Exprs::usesGenerator);
        };
    }

    /** {@code a and b and c} as [a, b, c]. */
    static List<Expr> conjuncts(Expr predicate) {
        List<Expr> result = new ArrayList<>();
        if (predicate instanceof Call call && call.function() == ScalarFunction.AND) {
            call.arguments().forEach(argument -> result.addAll(conjuncts(argument)));
        } else {
            result.add(predicate);
        }
        return result;
    }

    /** [a, b, c] as {@code a and b and c}, left-deep, in order. */
    static Expr and(List<Expr> conjuncts) {
        Expr result = conjuncts.get(0);
        for (int i = 1; i < conjuncts.size(); i++) {
            result = Call.of(ScalarFunction.AND, result, conjuncts.get(i));
        }
        return result;
    }

    /** {@code expr} with column references renamed through {@code names} (absent names unchanged). */
    static Expr renameColumns(Expr expr, Map<String, String> names) {
        return switch (expr) {
            case Column column -> new Column(names.getOrDefault(column.name(), column.name()));
            case Literal literal -> literal;
            case Call call -> new Call(call.function(),
                    call.arguments().stream().map(argument -> renameColumns(argument, names)).toList());
        };
    }
}
