package dev.shard.dsl.analyze;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's functions as the language knows them: name, kind, parameter names (for
 * named arguments such as {@code stream = 1}) and how many may be left out at the end.
 * Lowering maps each name to the planner's function of the same name.
 */
public final class FunctionTable {
    /** Where a function may be called. */
    public enum Kind {
        /** Per row, anywhere. */
        SCALAR,
        /** Synthetic data: a function of (stream, row); anywhere, typically in generate, matrix, vector. */
        GENERATOR,
        /** Over a group's rows inside {@code aggregate {...}}, or over a slice in an apply body. */
        AGGREGATE,
        /** Over whole vectors, in apply bodies only. */
        VECTOR
    }

    /** A function: its parameters in order; the last {@code optional} of them may be left out. */
    public record Signature(String name, Kind kind, List<String> parameters, int optional) {
        public int minimumArity() {
            return parameters.size() - optional;
        }

        public int maximumArity() {
            return parameters.size();
        }

        /** {@code uniform(lo, hi, stream)}, for messages. */
        public String usage() {
            return name + "(" + String.join(", ", parameters) + ")";
        }
    }

    private static final Map<String, Signature> FUNCTIONS = new LinkedHashMap<>();

    static {
        aggregate("count", 1, "x");
        for (String name : List.of("sum", "mean", "min", "max", "var", "sd", "first", "last", "count_distinct")) {
            aggregate(name, 0, "x");
        }
        for (String name : List.of("abs", "sqrt", "exp", "floor", "ceil", "int", "double", "string")) {
            add(name, Kind.SCALAR, 0, "x");
        }
        add("log", Kind.SCALAR, 1, "x", "base");
        add("round", Kind.SCALAR, 1, "x", "digits");
        add("pow", Kind.SCALAR, 0, "x", "y");
        add("if", Kind.SCALAR, 0, "condition", "then", "else");
        add("length", Kind.SCALAR, 0, "text");
        add("lower", Kind.SCALAR, 0, "text");
        add("upper", Kind.SCALAR, 0, "text");
        add("contains", Kind.SCALAR, 0, "text", "part");
        add("starts_with", Kind.SCALAR, 0, "text", "prefix");
        add("random", Kind.GENERATOR, 0, "stream");
        add("random_int", Kind.GENERATOR, 0, "m", "stream");
        add("uniform", Kind.GENERATOR, 0, "lo", "hi", "stream");
        add("normal", Kind.GENERATOR, 0, "stream");
        add("row", Kind.GENERATOR, 0);
        add("col", Kind.GENERATOR, 0);
        add("index", Kind.GENERATOR, 0);
        add("cor", Kind.VECTOR, 0, "x", "y");
        add("dot", Kind.VECTOR, 0, "x", "y");
        add("norm", Kind.VECTOR, 0, "x");
    }

    private FunctionTable() {
    }

    private static void aggregate(String name, int optional, String... parameters) {
        add(name, Kind.AGGREGATE, optional, parameters);
    }

    private static void add(String name, Kind kind, int optional, String... parameters) {
        FUNCTIONS.put(name, new Signature(name, kind, List.of(parameters), optional));
    }

    public static Optional<Signature> lookup(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name));
    }

    public static Set<String> names() {
        return FUNCTIONS.keySet();
    }

    public static List<String> namesOf(Kind kind) {
        return FUNCTIONS.values().stream().filter(signature -> signature.kind() == kind).map(Signature::name).toList();
    }
}
