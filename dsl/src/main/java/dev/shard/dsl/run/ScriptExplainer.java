package dev.shard.dsl.run;

import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainJson;
import dev.shard.planner.explain.ExplainText;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code shard explain} of a whole script without running it: one part per query and per let
 * that runs, in script order, each headed by its place ({@link ScriptRunner#part}); in text, a
 * matrix statement gets a line saying it has no stages. The plans come from {@code planner}
 * (a session's, or one with a pinned machine profile for golden files).
 */
public final class ScriptExplainer {
    private ScriptExplainer() {
    }

    /** A part of the explanation: a plan, or (text only) a statement without one. */
    public record Part(String header, PlanExplanation plan) {
    }

    public static List<Part> planned(LoweredScript script, SourceText source,
            Function<LogicalPlan, PlanExplanation> planner) {
        List<Part> parts = new ArrayList<>();
        for (LoweredStatement statement : script.statements()) {
            switch (statement) {
                case LoweredStatement.Query query ->
                        parts.add(new Part(ScriptRunner.part(statement), planner.apply(query.plan())));
                case LoweredStatement.LetTable let when let.runs() ->
                        parts.add(new Part(ScriptRunner.part(statement), planner.apply(let.query().plan())));
                case LoweredStatement.LetTable unread -> {
                }
                case LoweredStatement.Apply apply -> parts.add(new Part(apply.span().location() + " `"
                        + source.line(apply.span().startLine()).strip() + "` — a matrix statement: one call per "
                        + switch (apply.statement().margin()) {
                            case ROWS -> "row";
                            case COLUMNS -> "column";
                            case EACH -> "element of the list";
                        } + ", in balanced shards on the pool; no stages to plan", null));
                case LoweredStatement.WriteBuffer write -> {
                }
            }
        }
        return parts;
    }

    /** The parts as {@code shard explain} prints them: indented text, or a JSON array of the plans. */
    public static String render(List<Part> parts, ExplainLevel level, boolean json) {
        if (json) {
            return "[" + String.join(",", parts.stream().filter(part -> part.plan() != null)
                    .map(part -> ExplainJson.write(part.plan())).toList()) + "]\n";
        }
        return String.join("\n", parts.stream().map(part -> "# " + part.header() + "\n"
                + (part.plan() == null ? "" : ExplainText.render(part.plan(), level))).toList());
    }
}
