package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code apply each of parts [with y, ...] into r: body} (memLapply): {@code parts} is a list,
 * {@code r} a buffer of one value per element, and every element is one the body can take:
 * {@code cor} and {@code dot} pair an element with a side vector value by value, so they need
 * vector elements of the side vector's length; the other vector functions read a matrix as
 * all its values.
 */
final class ApplyEachChecker {
    private static final Set<String> PAIRED = Set.of("cor", "dot");

    private final PipelineChecker pipelines;
    private final ExpressionChecker expressions;
    private final Map<String, Binding> bindings;
    private final Map<String, List<ListChecker.Element>> lists;
    private final List<Diagnostic> diagnostics;

    ApplyEachChecker(PipelineChecker pipelines, ExpressionChecker expressions, Map<String, Binding> bindings,
                     Map<String, List<ListChecker.Element>> lists, List<Diagnostic> diagnostics) {
        this.pipelines = pipelines;
        this.expressions = expressions;
        this.bindings = bindings;
        this.lists = lists;
        this.diagnostics = diagnostics;
    }

    void check(Statement.ApplyStatement apply) {
        Optional<Binding> list = pipelines.requireKind(apply.matrix(), Binding.Kind.LIST,
                "`apply each` runs over a list such as `let parts = [vector(n) {...}, X]`; for the rows or columns"
                        + " of one matrix use `apply rows|columns of X`");
        Set<String> locals = pipelines.applyLocals(apply);
        Optional<Binding> buffer = pipelines.requireKind(apply.into(), Binding.Kind.BUFFER,
                "results go into a buffer of one value per element: `let r = buffer(double, k)`");
        List<ListChecker.Element> elements = list.map(found -> lists.getOrDefault(found.name().text(), List.of()))
                .orElse(List.of());
        switch (apply.body()) {
            case Statement.ApplyBody.ExpressionBody body -> {
                expressions.check(body.expression(), Scope.of(Scope.Place.APPLY).withLocals(locals).allowingAggregates());
                List<Expression.Call> paired = new ArrayList<>();
                pairedCalls(body.expression(), paired);
                paired.forEach(call -> checkPaired(apply, call, elements));
            }
            case Statement.ApplyBody.KernelBody kernel -> {
                pipelines.kernel(kernel.className(), kernel.parameters());
                kernel.parameters().forEach(this::requireConstant);
                ElementKernelClasses.check(kernel.className(), !kernel.parameters().isEmpty()).ifPresent(diagnostics::add);
            }
        }
        if (list.isPresent() && buffer.isPresent()) {
            checkSize(apply, list.get(), buffer.get());
        }
    }

    /** Kernel parameters are sent to the workers as values: a literal, a negated number or a param. */
    private void requireConstant(dev.shard.dsl.ast.Assignment parameter) {
        Expression value = parameter.value();
        if (value instanceof Expression.Unary negate && negate.operator() == Expression.UnaryOperator.NEGATE
                && negate.operand() instanceof Expression.Literal) {
            return;
        }
        if (value instanceof Expression.Literal || value instanceof Expression.NameReference name
                && bindings.get(name.name().text()) instanceof Binding binding
                && (binding.kind() == Binding.Kind.PARAM || binding.kind() == Binding.Kind.VALUE)) {
            return;
        }
        if (value instanceof Expression.NameReference) {
            // An undefined name or one of another kind is reported by the expression check.
            return;
        }
        diagnostics.add(Diagnostic.error(ErrorCode.PLAN_ERROR, value.span(),
                "kernel parameter `" + parameter.name().text() + "` must be a constant",
                "write a literal (such as 2, -0.5 or \"text\") or a param"));
    }

    private void checkPaired(Statement.ApplyStatement apply, Expression.Call call, List<ListChecker.Element> elements) {
        String function = call.function().text();
        Optional<Long> sideLength = Optional.empty();
        String side = "";
        if (call.arguments().size() == 2 && call.arguments().get(1).value() instanceof Expression.NameReference name
                && bindings.get(name.name().text()) instanceof Binding binding
                && binding.kind() == Binding.Kind.VECTOR && !binding.dimensions().isEmpty()) {
            side = name.name().text();
            sideLength = Optional.of(binding.dimensions().getFirst());
        }
        for (int index = 0; index < elements.size(); index++) {
            ListChecker.Element element = elements.get(index);
            String which = (element.generated() ? "every element" : "element " + index) + " of `"
                    + apply.matrix().text() + "`";
            if (element.kind() != Binding.Kind.VECTOR) {
                diagnostics.add(Diagnostic.error(ErrorCode.BAD_LIST_ELEMENT, element.span(),
                        "`" + function + "` pairs each element with a side vector, but " + which + " is a matrix",
                        "the body `" + function + "(item, ...)` is at " + call.span().lineColumn(),
                        "keep matrices out of this list, or use sum, mean, var, sd, min, max or norm,"
                                + " which read a matrix as all its values"));
                continue;
            }
            Optional<Long> length = element.values();
            if (sideLength.isPresent() && length.isPresent() && !length.get().equals(sideLength.get())) {
                diagnostics.add(Diagnostic.error(ErrorCode.BAD_LIST_ELEMENT, element.span(),
                        which + " holds " + length.get() + " values, but `" + side + "` holds " + sideLength.get()
                                + ", and `" + function + "` pairs them value by value",
                        "give every element of the list the side vector's length"));
            }
        }
    }

    private static void pairedCalls(Expression expression, List<Expression.Call> found) {
        switch (expression) {
            case Expression.Call call -> {
                if (PAIRED.contains(call.function().text())) {
                    found.add(call);
                }
                call.arguments().forEach(argument -> pairedCalls(argument.value(), found));
            }
            case Expression.Binary binary -> {
                pairedCalls(binary.left(), found);
                pairedCalls(binary.right(), found);
            }
            case Expression.Unary unary -> pairedCalls(unary.operand(), found);
            case Expression.Index index -> {
                pairedCalls(index.target(), found);
                pairedCalls(index.index(), found);
            }
            case Expression.Literal ignored -> {
            }
            case Expression.NameReference ignored -> {
            }
        }
    }

    private void checkSize(Statement.ApplyStatement apply, Binding list, Binding buffer) {
        if (list.dimensions().isEmpty()) {
            return;
        }
        long count = list.dimensions().getFirst();
        if (buffer.dimensions().isEmpty() || count == 0) {
            // An empty list has its own error; a buffer of any size would be wrong for it.
            return;
        }
        long length = buffer.dimensions().stream().reduce(1L, Math::multiplyExact);
        if (buffer.dimensions().size() == 1 && length == count) {
            return;
        }
        diagnostics.add(Diagnostic.error(ErrorCode.BUFFER_SIZE_MISMATCH, apply.into().span(),
                "`" + apply.into().text() + "` " + (buffer.dimensions().size() > 1
                        ? "has the shape " + buffer.dimensions() : "holds " + length + (length == 1 ? " value" : " values"))
                        + ", but `apply each of " + apply.matrix().text() + "` makes one value per element: " + count,
                buffer.describe(), list.describe(),
                "size the buffer by the list: `buffer(double, " + count + ")`"));
    }
}
