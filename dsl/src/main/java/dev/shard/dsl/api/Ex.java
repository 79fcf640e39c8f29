package dev.shard.dsl.api;

import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.expr.ScalarFunction;

/**
 * A scalar expression of the fluent API: {@code col("a").mul(col("b")).add(lit(1))}. It
 * wraps the planner's {@link Expr}, so both front ends build the same plan. Plain Java
 * numbers, booleans and strings are accepted where an operand is expected.
 */
public record Ex(Expr expr) {
    static Expr of(Object operand) {
        return switch (operand) {
            case Ex ex -> ex.expr();
            case Integer value -> Literal.of((long) value);
            case Long value -> Literal.of(value);
            case Double value -> Literal.of(value);
            case Boolean value -> Literal.of(value);
            case String value -> Literal.of(value);
            default -> throw new IllegalArgumentException("not an expression or a literal: " + operand
                    + " (use col(\"name\"), lit(...), a number, a boolean or a string)");
        };
    }

    private Ex call(ScalarFunction function, Object... others) {
        Expr[] arguments = new Expr[others.length + 1];
        arguments[0] = expr;
        for (int i = 0; i < others.length; i++) {
            arguments[i + 1] = of(others[i]);
        }
        return new Ex(Call.of(function, arguments));
    }

    public Ex add(Object other) { return call(ScalarFunction.ADD, other); }
    public Ex sub(Object other) { return call(ScalarFunction.SUBTRACT, other); }
    public Ex mul(Object other) { return call(ScalarFunction.MULTIPLY, other); }
    public Ex div(Object other) { return call(ScalarFunction.DIVIDE, other); }
    public Ex mod(Object other) { return call(ScalarFunction.MODULO, other); }
    public Ex negate() { return call(ScalarFunction.NEGATE); }
    public Ex eq(Object other) { return call(ScalarFunction.EQUAL, other); }
    public Ex ne(Object other) { return call(ScalarFunction.NOT_EQUAL, other); }
    public Ex lt(Object other) { return call(ScalarFunction.LESS, other); }
    public Ex le(Object other) { return call(ScalarFunction.LESS_EQUAL, other); }
    public Ex gt(Object other) { return call(ScalarFunction.GREATER, other); }
    public Ex ge(Object other) { return call(ScalarFunction.GREATER_EQUAL, other); }
    public Ex and(Object other) { return call(ScalarFunction.AND, other); }
    public Ex or(Object other) { return call(ScalarFunction.OR, other); }
    public Ex not() { return call(ScalarFunction.NOT); }
    public Ex isNull() { return call(ScalarFunction.IS_NULL); }
    public Ex abs() { return call(ScalarFunction.ABS); }
    public Ex sqrt() { return call(ScalarFunction.SQRT); }
    public Ex toInt() { return call(ScalarFunction.CAST_INT); }
    public Ex toDouble() { return call(ScalarFunction.CAST_DOUBLE); }

    /** This expression as the column {@code name}: for derive, select and generate. */
    public NamedExpr as(String name) {
        return NamedExpr.of(name, expr);
    }
}
