package dev.shard.dsl.run;

import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.planner.explain.ExplainJson;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainText;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.matrix.ApplyActuals;
import dev.shard.planner.matrix.MatrixApply;
import dev.shard.planner.matrix.MatrixApplyJson;
import dev.shard.planner.matrix.MatrixApplyPlan;
import dev.shard.runtime.tune.HumanUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code shard explain} of a whole script without running it: one part per query and per let
 * that runs, in script order, each headed by its place ({@link ScriptRunner#part}); in text, a
 * list apply gets a line of its own. The plans come from {@code planner}
 * (a session's, or one with a pinned machine profile for golden files); an apply over rows or
 * columns is sized by the tuner and explained as its own part ({@link MatrixApplyPlan}).
 */
public final class ScriptExplainer {
    private ScriptExplainer() {
    }

    /**
     * A part of the explanation: a query's plan, an apply's plan (in JSON an object of
     * {@code "kind": "matrixApply"}), or (text only) a statement without either.
     */
    public record Part(String header, PlanExplanation plan, MatrixApplyPlan apply, Optional<ApplyActuals> actuals) {
        public Part(String header, PlanExplanation plan) {
            this(header, plan, null, Optional.empty());
        }

        public Part(String header, PlanExplanation plan, MatrixApplyPlan apply) {
            this(header, plan, apply, Optional.empty());
        }
    }

    /** How explain heads an apply: its place and its source line. */
    static String applyHeader(LoweredStatement.Apply apply, SourceText source) {
        return apply.span().location() + " `" + source.line(apply.span().startLine()).strip() + "`";
    }

    /** An {@code apply each}'s head: how it runs, and after a run what it did. */
    static String eachHeader(LoweredStatement.Apply apply, SourceText source, Optional<ApplyActuals> actuals) {
        return applyHeader(apply, source) + " — one call per element of the list, in balanced shards on the pool"
                + actuals.map(ran -> "; ran " + ran.calls() + (ran.calls() == 1 ? " call" : " calls") + " in "
                        + ran.shards() + (ran.shards() == 1 ? " shard, " : " shards, ")
                        + HumanUnits.nanos(ran.seconds() * 1e9) + ", peak private per worker "
                        + ran.peakPrivateBytesPerWorker().stream().map(HumanUnits::bytes)
                                .collect(java.util.stream.Collectors.joining(", "))).orElse("");
    }

    public static List<Part> planned(LoweredScript script, SourceText source,
            Function<LogicalPlan, PlanExplanation> planner, Function<MatrixApply, MatrixApplyPlan> applyPlanner) {
        ApplyShapes shapes = new ApplyShapes(script, source);
        List<Part> parts = new ArrayList<>();
        for (LoweredStatement statement : script.statements()) {
            switch (statement) {
                case LoweredStatement.Query query ->
                        parts.add(new Part(ScriptRunner.part(statement), planner.apply(query.plan())));
                case LoweredStatement.LetTable let when let.runs() ->
                        parts.add(new Part(ScriptRunner.part(statement), planner.apply(let.query().plan())));
                case LoweredStatement.LetTable unread -> {
                }
                case LoweredStatement.Apply apply when apply.statement().margin() == Statement.Margin.EACH ->
                        parts.add(new Part(eachHeader(apply, source, Optional.empty()), null, null));
                case LoweredStatement.Apply apply -> parts.add(new Part(applyHeader(apply, source), null,
                        applyPlanner.apply(shapes.describe(apply.statement()))));
                case LoweredStatement.WriteBuffer write -> {
                }
            }
        }
        return parts;
    }

    /** The parts as {@code shard explain} prints them: indented text, or a JSON array of the plans. */
    public static String render(List<Part> parts, ExplainLevel level, boolean json) {
        if (json) {
            return "[" + String.join(",", parts.stream().filter(part -> part.plan() != null || part.apply() != null)
                    .map(part -> part.plan() != null ? ExplainJson.write(part.plan())
                            : MatrixApplyJson.write(part.apply(), part.actuals()))
                    .toList()) + "]\n";
        }
        return String.join("\n", parts.stream().map(part -> "# " + part.header() + "\n"
                + (part.plan() != null ? ExplainText.render(part.plan(), level)
                        : part.apply() != null ? part.apply().explainText(part.actuals()) : "")).toList());
    }
}
