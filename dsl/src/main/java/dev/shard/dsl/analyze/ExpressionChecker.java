package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Argument;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Names, functions, arity and aggregate placement inside one expression. */
final class ExpressionChecker {
    private final Map<String, Binding> bindings;
    private final Set<String> used;
    private final ColumnResolver columns;
    private final List<Diagnostic> diagnostics;
    /** True while the element of a generated list is checked, where {@code index()} is its number. */
    private boolean listIndex;

    ExpressionChecker(Map<String, Binding> bindings, Set<String> used, ColumnResolver columns,
                      List<Diagnostic> diagnostics) {
        this.bindings = bindings;
        this.used = used;
        this.columns = columns;
        this.diagnostics = diagnostics;
    }

    /** Runs {@code check} with {@code index()} allowed: the checks of a {@code list(k) {...}} element. */
    <T> T withListIndex(java.util.function.Supplier<T> check) {
        boolean outer = listIndex;
        listIndex = true;
        try {
            return check.get();
        } finally {
            listIndex = outer;
        }
    }

    void check(Expression expression, Scope scope) {
        switch (expression) {
            case Expression.Literal ignored -> {
            }
            case Expression.NameReference reference -> reference(reference, scope);
            case Expression.Call call -> call(call, scope);
            case Expression.Unary unary -> check(unary.operand(), scope);
            case Expression.Binary binary -> {
                check(binary.left(), scope);
                check(binary.right(), scope);
            }
            case Expression.Index index -> {
                check(index.target(), scope);
                check(index.index(), scope);
            }
        }
    }

    static boolean containsAggregate(Expression expression) {
        return switch (expression) {
            case Expression.Literal ignored -> false;
            case Expression.NameReference ignored -> false;
            case Expression.Call call -> FunctionTable.lookup(call.function().text())
                    .map(signature -> signature.kind() == FunctionTable.Kind.AGGREGATE).orElse(false)
                    || call.arguments().stream().anyMatch(argument -> containsAggregate(argument.value()));
            case Expression.Unary unary -> containsAggregate(unary.operand());
            case Expression.Binary binary -> containsAggregate(binary.left()) || containsAggregate(binary.right());
            case Expression.Index index -> containsAggregate(index.target()) || containsAggregate(index.index());
        };
    }

    private void reference(Expression.NameReference reference, Scope scope) {
        String text = reference.name().text();
        if (reference.qualifier().isPresent()) {
            Name qualifier = reference.qualifier().get();
            if (!scope.joined().contains(qualifier.text())) {
                List<String> hints = new ArrayList<>();
                Suggestions.didYouMean(qualifier.text(), scope.joined()).ifPresent(hints::add);
                hints.add(scope.joined().isEmpty() ? "no table is joined at this point; qualify columns with the"
                        + " name of a table joined by `join`" : "joined tables here: " + Suggestions.list(scope.joined()));
                diagnostics.add(Diagnostic.error(ErrorCode.UNKNOWN_QUALIFIER, qualifier.span(),
                        "`" + qualifier.text() + "` is not a table joined in this pipeline", hints));
                return;
            }
            diagnostics.addAll(columns.resolve(scope.pipeline(), reference));
            return;
        }
        if (scope.locals().contains(text)) {
            return;
        }
        Binding binding = bindings.get(text);
        if (scope.place() == Scope.Place.ROW) {
            if (binding != null && isScalar(binding)) {
                used.add(text);
                return;
            }
            diagnostics.addAll(columns.resolve(scope.pipeline(), reference));
            return;
        }
        if (binding != null) {
            used.add(text);
            if (isScalar(binding) || binding.kind() == Binding.Kind.VECTOR
                    && (scope.place() == Scope.Place.CELL || scope.place() == Scope.Place.APPLY)) {
                return;
            }
            diagnostics.add(Diagnostic.error(ErrorCode.WRONG_KIND_OF_NAME, reference.span(),
                    "`" + text + "` cannot be used in " + scope.place().description(),
                    binding.describe(), "here you can use: " + Suggestions.list(namesIn(scope))));
            return;
        }
        undefined(reference.name(), scope);
    }

    private void undefined(Name name, Scope scope) {
        Set<String> inScope = namesIn(scope);
        List<String> hints = new ArrayList<>();
        Suggestions.didYouMean(name.text(), inScope).ifPresent(hints::add);
        if (scope.place() == Scope.Place.APPLY && List.of("row", "column", "item").contains(name.text())) {
            hints.add("the apply's margin names the slice: `apply rows` gives `row`, `apply columns` gives `column`,"
                    + " `apply each` gives `item`");
        }
        hints.add(inScope.isEmpty() ? "no names are defined here yet; declare one with `param` or `let` above"
                : "names in scope: " + Suggestions.list(inScope));
        diagnostics.add(Diagnostic.error(ErrorCode.UNDEFINED_NAME, name.span(),
                "`" + name.text() + "` is not defined", hints));
    }

    private Set<String> namesIn(Scope scope) {
        Set<String> names = new TreeSet<>(scope.locals());
        boolean vectors = scope.place() == Scope.Place.CELL || scope.place() == Scope.Place.APPLY;
        bindings.values().stream()
                .filter(binding -> isScalar(binding) || vectors && binding.kind() == Binding.Kind.VECTOR)
                .forEach(binding -> names.add(binding.name().text()));
        return names;
    }

    private static boolean isScalar(Binding binding) {
        return binding.kind() == Binding.Kind.PARAM || binding.kind() == Binding.Kind.VALUE;
    }

    private void call(Expression.Call call, Scope scope) {
        Name function = call.function();
        var signature = FunctionTable.lookup(function.text());
        Scope inner = scope;
        if (signature.isEmpty()) {
            List<String> hints = new ArrayList<>();
            if (function.text().equals("list")) {
                hints.add("a generated list takes its element source in braces: `let parts = list(k) { vector(n) {...} }`");
            } else {
                Suggestions.didYouMean(function.text(), FunctionTable.names()).ifPresent(hints::add);
            }
            hints.add("the functions are listed in the README under \"The language\"");
            diagnostics.add(Diagnostic.error(ErrorCode.UNKNOWN_FUNCTION, function.span(),
                    "unknown function `" + function.text() + "`", hints));
        } else {
            inner = placement(call, signature.get(), scope);
            if (signature.get().name().equals("index") && !listIndex) {
                diagnostics.add(Diagnostic.error(ErrorCode.INDEX_OUTSIDE_LIST, function.span(),
                        "`index()` is the number of an element of a generated list, so it is only allowed inside"
                                + " `list(k) {...}`",
                        "generate a list as `let parts = list(k) { vector(n) { random(stream = index()) } }`"));
            }
            arity(call, signature.get());
        }
        for (Argument argument : call.arguments()) {
            check(argument.value(), inner);
        }
    }

    private Scope placement(Expression.Call call, FunctionTable.Signature signature, Scope scope) {
        String name = signature.name();
        if (signature.kind() == FunctionTable.Kind.VECTOR && scope.place() != Scope.Place.APPLY) {
            diagnostics.add(Diagnostic.error(ErrorCode.VECTOR_FUNCTION_OUTSIDE_APPLY, call.function().span(),
                    "`" + name + "` works on whole vectors and is only allowed in an apply body",
                    "use it as `apply columns of X with y into r: " + signature.usage() + "`"));
        }
        if (signature.kind() != FunctionTable.Kind.AGGREGATE) {
            return scope;
        }
        if (scope.aggregates()) {
            return scope.insideAggregate();
        }
        if (scope.nested()) {
            diagnostics.add(Diagnostic.error(ErrorCode.NESTED_AGGREGATE, call.function().span(),
                    "aggregate `" + name + "` inside another aggregate",
                    "aggregate the rows once; compute per-row values with `derive` first"));
        } else if (scope.place() == Scope.Place.ROW) {
            diagnostics.add(Diagnostic.error(ErrorCode.AGGREGATE_OUTSIDE_AGGREGATE, call.function().span(),
                    "aggregate `" + name + "` outside `aggregate {...}`",
                    "aggregates summarise groups: `group {key} (aggregate {x = " + name + "(...)})`"));
        } else {
            diagnostics.add(Diagnostic.error(ErrorCode.AGGREGATE_OUTSIDE_AGGREGATE, call.function().span(),
                    "aggregate `" + name + "` is not allowed in " + scope.place().description(),
                    "aggregates are allowed in `aggregate {...}` and in apply bodies"));
        }
        return scope;
    }

    private void arity(Expression.Call call, FunctionTable.Signature signature) {
        int positional = 0;
        Set<String> given = new HashSet<>();
        for (Argument argument : call.arguments()) {
            if (argument.name().isEmpty()) {
                if (positional < signature.parameters().size()) {
                    given.add(signature.parameters().get(positional));
                }
                positional++;
                continue;
            }
            Name named = argument.name().get();
            if (!signature.parameters().contains(named.text())) {
                List<String> hints = new ArrayList<>();
                Suggestions.didYouMean(named.text(), signature.parameters()).ifPresent(hints::add);
                hints.add(signature.parameters().isEmpty() ? "`" + signature.name() + "` takes no arguments"
                        : "the parameters are: " + signature.usage());
                diagnostics.add(Diagnostic.error(ErrorCode.UNKNOWN_ARGUMENT_NAME, named.span(),
                        "`" + signature.name() + "` has no parameter `" + named.text() + "`", hints));
            } else if (!given.add(named.text())) {
                diagnostics.add(Diagnostic.error(ErrorCode.DUPLICATE_ARGUMENT, argument.span(),
                        "`" + named.text() + "` is given twice in the call of `" + signature.name() + "`",
                        "the parameters are: " + signature.usage()));
            }
        }
        int count = call.arguments().size();
        if (count < signature.minimumArity() || count > signature.maximumArity()) {
            diagnostics.add(Diagnostic.error(ErrorCode.WRONG_ARITY, call.span(),
                    "`" + signature.name() + "` takes " + expectedCount(signature) + ", but " + count
                            + (count == 1 ? " was" : " were") + " given",
                    "usage: `" + signature.usage() + "`"));
        }
    }

    private static String expectedCount(FunctionTable.Signature signature) {
        int min = signature.minimumArity();
        int max = signature.maximumArity();
        String range = min == max ? Integer.toString(max) : min + " or " + max;
        return range + (max == 1 ? " argument" : " arguments");
    }
}
