package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.ast.Pipeline;
import dev.shard.dsl.ast.ScriptAst;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what the script alone can tell, before any plan or worker: names declared once
 * and before use, the kind of each name where it is used, functions and their arity,
 * aggregates in their place, sizes that fit, params and their overrides, input files.
 * Column names and types inside pipelines go through {@link ColumnResolver}.
 */
public final class Analyzer {
    private final AnalysisOptions options;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Map<String, List<ListChecker.Element>> lists = new LinkedHashMap<>();
    private final ExpressionChecker expressions;
    private final PipelineChecker pipelines;

    private Analyzer(AnalysisOptions options) {
        this.options = options;
        this.expressions = new ExpressionChecker(bindings, used, options.columns(), diagnostics);
        this.pipelines = new PipelineChecker(options, bindings, used, expressions, diagnostics);
    }

    public static Analysis analyze(ScriptAst ast, AnalysisOptions options) {
        Analyzer analyzer = new Analyzer(options);
        for (Statement statement : ast.statements()) {
            analyzer.statement(statement);
        }
        analyzer.overridesWithoutParams(ast);
        analyzer.unused();
        return new Analysis(ast, analyzer.bindings, analyzer.diagnostics);
    }

    private void statement(Statement statement) {
        switch (statement) {
            case Statement.ParamDeclaration param -> param(param);
            case Statement.LetDeclaration let -> let(let);
            case Statement.PipelineStatement pipeline -> pipelines.check(pipeline.pipeline());
            case Statement.ApplyStatement apply when apply.margin() == Statement.Margin.EACH ->
                    new ApplyEachChecker(pipelines, expressions, bindings, lists, diagnostics).check(apply);
            case Statement.ApplyStatement apply -> new ApplyChecker(pipelines, expressions, bindings, diagnostics).check(apply);
            case Statement.WriteBuffer write -> pipelines.requireKind(write.buffer(), Binding.Kind.BUFFER,
                    "`write <buffer> \"path\"` writes an output buffer; write a table with `write \"path\"` as the"
                            + " last step of its pipeline");
        }
    }

    private void param(Statement.ParamDeclaration param) {
        if (!declare(param.name())) {
            return;
        }
        Expression.Literal value = param.value();
        if (value.value() instanceof LiteralValue.NullValue) {
            diagnostics.add(Diagnostic.error(ErrorCode.BAD_PARAM_VALUE, value.span(),
                    "a param needs a default with a type; `null` has none",
                    "give a default such as 0, 1.0, \"text\", false or 1GiB"));
        }
        ParamOverride override = options.overrides().get(param.name().text());
        if (override != null) {
            ParamOverrides.checkType(override, param).ifPresent(diagnostics::add);
            if (ParamOverrides.checkType(override, param).isEmpty()) {
                value = override.value();
            }
        }
        Optional<Number> constant = switch (value.value()) {
            case LiteralValue.IntegerValue integer -> Optional.of(integer.value());
            case LiteralValue.ByteSize bytes -> Optional.of(bytes.bytes());
            case LiteralValue.DoubleValue decimal -> Optional.of(decimal.value());
            case LiteralValue.StringValue _, LiteralValue.BooleanValue _, LiteralValue.NullValue _ -> Optional.empty();
        };
        bindings.put(param.name().text(), new Binding(param.name(), Binding.Kind.PARAM,
                value.value().typeName(), List.of(), constant));
    }

    private void let(Statement.LetDeclaration let) {
        if (!declare(let.name())) {
            return;
        }
        Binding binding = switch (let.value()) {
            case Pipeline pipeline -> {
                PipelineChecker.Shape shape = pipelines.check(pipeline);
                if (pipeline.steps().stream().anyMatch(step -> step instanceof dev.shard.dsl.ast.Step.Write)) {
                    used.add(let.name().text());
                }
                if (shape.kind() == Binding.Kind.LIST) {
                    lists.put(let.name().text(), shape.elements());
                }
                yield new Binding(let.name(), shape.kind(), shape.detail(), shape.dimensions(), Optional.empty());
            }
            case Expression expression -> {
                expressions.check(expression, Scope.of(Scope.Place.CONSTANT));
                yield new Binding(let.name(), Binding.Kind.VALUE, "", List.of(),
                        new ConstantFolder(bindings).integer(expression).map(value -> (Number) value));
            }
        };
        bindings.put(let.name().text(), binding);
    }

    private boolean declare(Name name) {
        Binding earlier = bindings.get(name.text());
        if (earlier == null) {
            return true;
        }
        diagnostics.add(Diagnostic.error(ErrorCode.DUPLICATE_NAME, name.span(),
                "`" + name.text() + "` is already declared", earlier.describe(),
                "names are bound once; choose another name, such as `" + name.text() + "_2`"));
        return false;
    }

    private void overridesWithoutParams(ScriptAst ast) {
        for (ParamOverride override : options.overrides().values()) {
            Binding binding = bindings.get(override.name().text());
            if (binding != null && binding.kind() == Binding.Kind.PARAM) {
                continue;
            }
            List<String> params = bindings.values().stream()
                    .filter(each -> each.kind() == Binding.Kind.PARAM).map(each -> each.name().text()).toList();
            List<String> hints = new ArrayList<>();
            Suggestions.didYouMean(override.name().text(), params).ifPresent(hints::add);
            hints.add(params.isEmpty() ? ast.file() + " declares no params"
                    : "the params of " + ast.file() + " are: " + Suggestions.list(params));
            diagnostics.add(Diagnostic.error(ErrorCode.UNKNOWN_PARAM, override.name().span(),
                    "`-p " + override.name().text() + "`: the script has no param `" + override.name().text() + "`",
                    hints));
        }
    }

    private void unused() {
        for (Binding binding : bindings.values()) {
            if (used.contains(binding.name().text())) {
                continue;
            }
            diagnostics.add(Diagnostic.warning(ErrorCode.UNUSED_NAME, binding.name().span(),
                    "`" + binding.name().text() + "` is never used",
                    "remove it, or use it in a later statement"));
        }
    }
}
