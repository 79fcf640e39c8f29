package dev.shard.planner.expr;

import java.util.List;
import java.util.Optional;

/**
 * Every scalar operation the engine evaluates, with the name users write and its
 * parameters in order (named arguments such as {@code stream = 1} resolve against them).
 * Operators have a symbol; functions are called by name. Typing lives in {@link Typing}.
 */
public enum ScalarFunction {
    ADD("+", true, "left", "right"),
    SUBTRACT("-", true, "left", "right"),
    MULTIPLY("*", true, "left", "right"),
    /** Always a double: {@code 7 / 2} is 3.5. */
    DIVIDE("/", true, "left", "right"),
    /** Integer remainder by zero is null; on doubles it follows {@code %} in Java. */
    MODULO("%", true, "left", "right"),
    NEGATE("-", true, "value"),
    EQUAL("==", true, "left", "right"),
    NOT_EQUAL("!=", true, "left", "right"),
    LESS("<", true, "left", "right"),
    LESS_EQUAL("<=", true, "left", "right"),
    GREATER(">", true, "left", "right"),
    GREATER_EQUAL(">=", true, "left", "right"),
    AND("and", true, "left", "right"),
    OR("or", true, "left", "right"),
    NOT("not", true, "value"),
    /** {@code if(condition, then, else)}: a null condition takes the else branch. */
    IF("if", false, "condition", "then", "else"),
    /** {@code case(c1, v1, c2, v2, ..., else)}: the value of the first true condition. */
    CASE("case", false),
    IS_NULL("is_null", false, "value"),
    COALESCE("coalesce", false),
    CAST_INT("int", false, "value"),
    CAST_DOUBLE("double", false, "value"),
    CAST_STRING("string", false, "value"),
    ABS("abs", false, "value"),
    SQRT("sqrt", false, "value"),
    LOG("log", false, "value"),
    EXP("exp", false, "value"),
    POW("pow", false, "base", "exponent"),
    FLOOR("floor", false, "value"),
    CEIL("ceil", false, "value"),
    /** Half away from zero, as SQL rounds. */
    ROUND("round", false, "value"),
    LENGTH("length", false, "value"),
    LOWER("lower", false, "value"),
    UPPER("upper", false, "value"),
    CONTAINS("contains", false, "value", "part"),
    STARTS_WITH("starts_with", false, "value", "prefix"),
    /** The 0-based index of the row in its source: i of WORKLOADS.md. */
    ROW("row", false),
    /** The 0-based column index inside a matrix generator: j of WORKLOADS.md. */
    COL("col", false),
    /** U(stream, row): a double in [0, 1). */
    RANDOM("random", false, "stream"),
    /** K(stream, row, m): an int in [0, m). */
    RANDOM_INT("random_int", false, "m", "stream"),
    /** lo + (hi − lo) · U(stream, row). */
    UNIFORM("uniform", false, "lo", "hi", "stream"),
    /** A standard normal value from two uniforms of the stream (Box–Muller; see Generator). */
    NORMAL("normal", false, "stream");

    private final String symbol;
    private final boolean operator;
    private final List<String> parameters;

    ScalarFunction(String symbol, boolean operator, String... parameters) {
        this.symbol = symbol;
        this.operator = operator;
        this.parameters = List.of(parameters);
    }

    /** The operator symbol or the function name. */
    public String symbol() {
        return symbol;
    }

    public boolean isOperator() {
        return operator;
    }

    /** Parameter names in order; empty for variadic functions ({@code case}, {@code coalesce}) and nullary ones. */
    public List<String> parameters() {
        return parameters;
    }

    public boolean isVariadic() {
        return this == CASE || this == COALESCE;
    }

    /** Values that depend on the row index, not on columns: evaluated from the row number alone. */
    public boolean isGenerator() {
        return switch (this) {
            case ROW, COL, RANDOM, RANDOM_INT, UNIFORM, NORMAL -> true;
            default -> false;
        };
    }

    /** The function users call by {@code name}; operators are not callable by name. */
    public static Optional<ScalarFunction> named(String name) {
        for (ScalarFunction function : values()) {
            if (!function.operator && function.symbol.equals(name)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    public static List<String> callableNames() {
        return java.util.Arrays.stream(values()).filter(f -> !f.operator).map(ScalarFunction::symbol).toList();
    }
}
