package dev.shard.dsl.run;

import dev.shard.dsl.ast.Argument;
import dev.shard.dsl.ast.Expression;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** AST cell bodies → {@link CellProgram}; params and let values become constants. */
final class CellCompiler {
    private static final Set<String> GENERATORS = Set.of("random", "random_int", "uniform", "normal");
    private static final Set<String> UNARY = Set.of("abs", "sqrt", "log", "exp", "floor", "ceil", "round");

    private final Map<String, Literal> constants;
    private final Set<String> vectors;

    CellCompiler(Map<String, Literal> constants, Set<String> vectors) {
        this.constants = constants;
        this.vectors = vectors;
    }

    CellProgram compile(Expression expression) {
        return switch (expression) {
            case Expression.Literal literal -> new CellProgram.Constant(number(
                    dev.shard.dsl.lower.Literals.of(literal.value()), literal.span().toString()));
            case Expression.NameReference reference -> {
                Literal value = constants.get(reference.name().text());
                if (value == null) {
                    throw new IllegalArgumentException("`" + reference.name().text() + "` at "
                            + reference.span().location() + " is not a number here");
                }
                yield new CellProgram.Constant(number(value, reference.name().text()));
            }
            case Expression.Unary unary -> unary.operator() == Expression.UnaryOperator.NEGATE
                    ? new CellProgram.Unary("-", compile(unary.operand()))
                    : unsupported(expression);
            case Expression.Binary binary -> switch (binary.operator()) {
                case ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER ->
                        new CellProgram.Binary(binary.operator().symbol(), compile(binary.left()), compile(binary.right()));
                default -> unsupported(expression);
            };
            case Expression.Index index when index.target() instanceof Expression.NameReference name
                    && vectors.contains(name.name().text()) ->
                    new CellProgram.VectorElement(name.name().text(), compile(index.index()));
            case Expression.Index index -> unsupported(expression);
            case Expression.Call call -> call(call);
        };
    }

    private CellProgram call(Expression.Call call) {
        String name = call.function().text();
        if (name.equals("row")) {
            return new CellProgram.Row();
        }
        if (name.equals("col")) {
            return new CellProgram.Col();
        }
        if (UNARY.contains(name) && call.arguments().size() == 1) {
            return new CellProgram.Unary(name, compile(call.arguments().getFirst().value()));
        }
        if (name.equals("pow") && call.arguments().size() == 2) {
            return new CellProgram.Binary("pow", compile(call.arguments().get(0).value()),
                    compile(call.arguments().get(1).value()));
        }
        if (!GENERATORS.contains(name)) {
            return unsupported(call);
        }
        List<String> parameters = ScalarFunction.named(name).orElseThrow().parameters();
        CellProgram[] arguments = new CellProgram[parameters.size()];
        int position = 0;
        for (Argument argument : call.arguments()) {
            int slot = argument.name().map(n -> parameters.indexOf(n.text())).orElse(position++);
            arguments[slot] = compile(argument.value());
        }
        return new CellProgram.Generated(name, arguments);
    }

    private static double number(Literal literal, String what) {
        if (literal.value() instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("`" + what + "` is not a number");
    }

    private static CellProgram unsupported(Expression expression) {
        throw new IllegalArgumentException("a matrix or vector body at " + expression.span().location()
                + " may use numbers, params, + - * / %, row(), col(), random/random_int/uniform/normal,"
                + " abs/sqrt/log/exp/floor/ceil/round/pow and let-bound vectors as y[row()]");
    }
}
