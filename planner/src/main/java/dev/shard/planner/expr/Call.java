package dev.shard.planner.expr;

import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.List;
import java.util.stream.Collectors;

/** An operator or function applied to arguments, in parameter order. */
public record Call(ScalarFunction function, List<Expr> arguments) implements Expr {
    public Call {
        arguments = List.copyOf(arguments);
    }

    public static Call of(ScalarFunction function, Expr... arguments) {
        return new Call(function, List.of(arguments));
    }

    @Override
    public DataType type(Schema input) {
        return Typing.type(this, input);
    }

    @Override
    public boolean nullable(Schema input) {
        return Typing.nullable(this, input);
    }

    @Override
    public String render() {
        if (function.isOperator()) {
            if (arguments.size() == 1) {
                String space = function == ScalarFunction.NOT ? " " : "";
                return function.symbol() + space + wrap(arguments.get(0));
            }
            return wrap(arguments.get(0)) + " " + function.symbol() + " " + wrap(arguments.get(1));
        }
        return function.symbol() + "(" + arguments.stream().map(Expr::render).collect(Collectors.joining(", ")) + ")";
    }

    private static String wrap(Expr expr) {
        return expr instanceof Call call && call.function.isOperator() ? "(" + expr.render() + ")" : expr.render();
    }
}
