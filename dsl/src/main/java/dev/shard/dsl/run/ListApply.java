package dev.shard.dsl.run;

import dev.shard.dsl.analyze.ElementKernelClasses;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.ast.Assignment;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.ElementKernel;
import dev.shard.storage.SharedReference;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code apply each of parts [with y, ...] into r: body} through {@code Pool.lapply}
 * (memLapply): every element of the list is a shared buffer made once, the workers read it
 * in place, and the values come back in list order into {@code r}, one per element.
 */
final class ListApply {
    private final Session session;
    private final LoweredScript script;
    private final MatrixStatements values;

    ListApply(Session session, LoweredScript script, MatrixStatements values) {
        this.session = session;
        this.script = script;
        this.values = values;
    }

    RunReport apply(Statement.ApplyStatement apply) {
        String listName = apply.matrix().text();
        OutputBuffer into = values.value(apply.into().text());
        List<String> sides = apply.sideInputs().stream().map(Name::text).toList();
        ElementKernel<? extends Serializable> kernel = kernel(apply, sides);
        List<OutputBuffer> elements = values.list(listName);
        if (into.type() != ElementType.DOUBLE || into.length() != elements.size()) {
            throw new IllegalArgumentException("`" + apply.into().text() + "` must be a double buffer of "
                    + elements.size() + " values, one per element of `" + listName + "`, but it is " + into.type()
                    + " of " + into.length());
        }
        Map<String, SharedReference<?>> variables = new LinkedHashMap<>();
        for (String side : sides) {
            variables.put(side, values.value(side).reference());
        }
        List<SharedReference<?>> references = elements.stream().<SharedReference<?>>map(OutputBuffer::reference)
                .toList();
        Run<? extends Serializable> run = session.pool().lapply(references, new NamedElementKernel<>(listName, kernel),
                variables);
        List<? extends Serializable> results = run.results();
        for (int index = 0; index < results.size(); index++) {
            into.setDouble(index, number(results.get(index), index, apply));
        }
        return run.report();
    }

    private ElementKernel<? extends Serializable> kernel(Statement.ApplyStatement apply, List<String> sides) {
        return switch (apply.body()) {
            case Statement.ApplyBody.ExpressionBody expression -> ElementBodyKernel.of(
                    new BodyCompiler(apply.margin().variable(), Set.copyOf(sides), script.constants())
                            .compile(expression.expression()));
            case Statement.ApplyBody.KernelBody body -> named(body);
        };
    }

    private ElementKernel<? extends Serializable> named(Statement.ApplyBody.KernelBody body) {
        Map<String, Serializable> parameters = new LinkedHashMap<>();
        for (Assignment parameter : body.parameters()) {
            parameters.put(parameter.name().text(), constant(parameter));
        }
        try {
            Class<?> type = Class.forName(body.className().value(), true,
                    Thread.currentThread().getContextClassLoader());
            var constructor = ElementKernelClasses.constructorOf(type).orElseThrow(() -> new IllegalArgumentException(
                    "kernel class `" + body.className().value() + "` has no public constructor"));
            Object made = constructor.getParameterCount() == 0 ? constructor.newInstance()
                    : constructor.newInstance(parameters);
            return (ElementKernel<? extends Serializable>) made;
        } catch (ReflectiveOperationException failed) {
            throw new IllegalArgumentException("cannot make kernel `" + body.className().value() + "`: " + failed,
                    failed);
        }
    }

    private Serializable constant(Assignment parameter) {
        Object value = constant(parameter.value());
        if (!(value instanceof Serializable serializable)) {
            throw new IllegalArgumentException("kernel parameter `" + parameter.name().text() + "` at "
                    + parameter.span().location() + " must be a literal, a negated number or a param");
        }
        return serializable;
    }

    private Object constant(Expression expression) {
        return switch (expression) {
            case Expression.Literal value -> dev.shard.dsl.lower.Literals.of(value.value()).value();
            case Expression.NameReference name when script.constants().containsKey(name.name().text()) ->
                    script.constants().get(name.name().text()).value();
            case Expression.Unary negate when negate.operator() == Expression.UnaryOperator.NEGATE -> switch (
                    constant(negate.operand())) {
                case Long number -> -number;
                case Double number -> -number;
                case null, default -> null;
            };
            case Expression.NameReference _, Expression.Unary _, Expression.Call _, Expression.Binary _,
                    Expression.Index _ -> null;
        };
    }

    private static double number(Object result, int index, Statement.ApplyStatement apply) {
        if (result instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("the kernel returned " + (result == null ? "null"
                : "a " + result.getClass().getName()) + " for element " + index + " of `" + apply.matrix().text()
                + "`; `apply each` writes one number per element");
    }
}
