package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Argument;
import dev.shard.dsl.ast.Expression;
import java.util.HashSet;
import java.util.Set;

/** The bare names an expression reads. */
final class References {
    private References() {
    }

    static Set<String> of(Expression expression) {
        Set<String> names = new HashSet<>();
        collect(expression, names);
        return names;
    }

    private static void collect(Expression expression, Set<String> names) {
        switch (expression) {
            case Expression.Literal ignored -> {
            }
            case Expression.NameReference reference -> names.add(reference.name().text());
            case Expression.Call call -> {
                for (Argument argument : call.arguments()) {
                    collect(argument.value(), names);
                }
            }
            case Expression.Unary unary -> collect(unary.operand(), names);
            case Expression.Binary binary -> {
                collect(binary.left(), names);
                collect(binary.right(), names);
            }
            case Expression.Index index -> {
                collect(index.target(), names);
                collect(index.index(), names);
            }
        }
    }
}
