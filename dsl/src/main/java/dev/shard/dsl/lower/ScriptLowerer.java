package dev.shard.dsl.lower;

import dev.shard.dsl.analyze.Analysis;
import dev.shard.dsl.analyze.ParamOverride;
import dev.shard.dsl.analyze.ParamOverrides;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Pipeline;
import dev.shard.dsl.ast.Source;
import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.ast.Step;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.physical.RowEstimates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An analysed script → {@link LoweredScript}. Params take their {@code -p} values; a let
 * bound to a table pipeline becomes a statement of its own ({@link LoweredStatement.LetTable}),
 * run once, and where the name is used (as a source or a join side) later plans scan its
 * result ({@code TableSource.NamedResult}); a let of a bare file is that file's scan. Matrices,
 * vectors and buffers are kept as specifications the run makes in the workers; a matrix after
 * {@code from} is scanned as a table ({@link MatrixScans}), bound to the matrix when the run made it.
 */
public final class ScriptLowerer {
    private final Path workingDirectory;
    private final Map<String, ParamOverride> overrides;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Literal> constants = new LinkedHashMap<>();
    private final Map<String, LogicalPlan> tables = new LinkedHashMap<>();
    private final Map<String, Source> matrixValues = new LinkedHashMap<>();
    private final ExpressionLowerer expressions = new ExpressionLowerer(constants, diagnostics);
    private final Constants counts = new Constants(constants, expressions);
    private final MatrixScans matrixScans = new MatrixScans(matrixValues, counts, expressions);

    private ScriptLowerer(Path workingDirectory, Map<String, ParamOverride> overrides) {
        this.workingDirectory = workingDirectory;
        this.overrides = overrides;
    }

    /** The result: the lowered script when there is no error, and the diagnostics of lowering. */
    public record Lowering(LoweredScript script, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    public static Lowering lower(Analysis analysis, Map<String, ParamOverride> overrides, Path workingDirectory) {
        ScriptLowerer lowerer = new ScriptLowerer(workingDirectory, overrides);
        List<LoweredStatement> statements = new ArrayList<>();
        for (Statement statement : analysis.ast().statements()) {
            try {
                lowerer.statement(statement, statements);
            } catch (LoweringError recorded) {
                // Recorded; the next statements are still checked, so all errors come together.
            }
        }
        return new Lowering(new LoweredScript(LetUses.markReads(statements), lowerer.matrixValues, lowerer.constants),
                List.copyOf(lowerer.diagnostics));
    }

    private void statement(Statement statement, List<LoweredStatement> statements) {
        PipelineLowerer pipelines = new PipelineLowerer(workingDirectory, tables, matrixScans, expressions, counts);
        switch (statement) {
            case Statement.ParamDeclaration param -> {
                ParamOverride override = overrides.get(param.name().text());
                Expression.Literal value = override != null && ParamOverrides.checkType(override, param).isEmpty()
                        ? override.value() : param.value();
                constants.put(param.name().text(), ExpressionLowerer.literal(value.value()));
            }
            case Statement.LetDeclaration let -> {
                switch (let.value()) {
                    case Expression expression -> {
                        Expr value = expressions.lower(expression, null, Set.of());
                        if (value instanceof Literal literal) {
                            constants.put(let.name().text(), literal);
                        }
                    }
                    case Pipeline pipeline when isMatrixWorld(pipeline.source()) ->
                            matrixValues.put(let.name().text(), pipeline.source());
                    case Pipeline pipeline -> {
                        String name = let.name().text();
                        LogicalPlan plan = pipelines.lower(pipeline);
                        if (plan instanceof LogicalScan file) {
                            // A file read as it is: already mapped zero-copy by every reader, nothing to compute.
                            tables.put(name, file);
                            return;
                        }
                        tables.put(name, new LogicalScan(new TableSource.NamedResult(name), plan.schema(),
                                RowEstimates.of(plan)));
                        statements.add(new LoweredStatement.LetTable(name, new LoweredStatement.Query(plan, false,
                                let.span(), steps(pipeline)), false, writes(pipeline)));
                    }
                }
            }
            case Statement.PipelineStatement pipeline -> statements.add(new LoweredStatement.Query(
                    pipelines.lower(pipeline.pipeline()), !writes(pipeline.pipeline()), pipeline.span(),
                    steps(pipeline.pipeline())));
            case Statement.ApplyStatement apply -> statements.add(new LoweredStatement.Apply(apply, apply.span()));
            case Statement.WriteBuffer write -> statements.add(new LoweredStatement.WriteBuffer(write.buffer().text(),
                    workingDirectory.resolve(write.path().value()).normalize(), write.span()));
        }
    }

    private static List<LoweredStatement.PlanStep> steps(Pipeline pipeline) {
        List<LoweredStatement.PlanStep> steps = new ArrayList<>();
        steps.add(new LoweredStatement.PlanStep("from", pipeline.source().span(), ""));
        for (Step step : pipeline.steps()) {
            steps.add(new LoweredStatement.PlanStep(step.verb(), step.span(),
                    step instanceof Step.MapKernel kernel ? kernel.className().value() : ""));
        }
        return steps;
    }

    private static boolean isMatrixWorld(Source source) {
        return source instanceof Source.MatrixSource || source instanceof Source.VectorSource
                || source instanceof Source.ReadMatrixSource || source instanceof Source.BufferSource
                || source instanceof Source.ListSource || source instanceof Source.GeneratedListSource;
    }

    private static boolean writes(Pipeline pipeline) {
        return pipeline.steps().stream().anyMatch(step -> step instanceof Step.Write);
    }
}
