package dev.shard.dsl.run;

import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredScript;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.planner.PlanException;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.physical.InfeasibleBudgetException;
import dev.shard.runtime.report.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a lowered script's statements in order on one session: each query through the
 * same path as the fluent API (rows printed when the pipeline has no {@code write}), the
 * matrix statements on the session's pool. A failure names the statement's place in the
 * script, its source line and the runtime's cause; a failure in the workers also names the
 * step and the shard ({@link FailureLocation}).
 */
public final class ScriptRunner {
    private final Session session;
    private final SourceText source;
    private final PrintStream out;
    private final RunListener listener;

    /**
     * What a run saw: one report per statement that ran on the workers, and one explanation
     * per query or let that ran, with {@code parts} naming each ({@link #part}).
     */
    public record Outcome(List<RunReport> reports, List<PlanExplanation> explanations, List<String> parts,
            List<ScriptExplainer.Part> explained) {
    }

    /** Told when a statement starts, so a progress display can name its stage. */
    public interface RunListener {
        RunListener NONE = (span, stage, shards) -> {
        };

        void starting(SourceSpan span, String stage, long shards);
    }

    public ScriptRunner(Session session, SourceText source, PrintStream out, RunListener listener) {
        this.session = session;
        this.source = source;
        this.out = out;
        this.listener = listener;
    }

    public Outcome run(LoweredScript script) {
        List<RunReport> reports = new ArrayList<>();
        List<PlanExplanation> explanations = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        // Everything explain --analyze shows, in script order: queries, lets that ran and applies.
        List<ScriptExplainer.Part> explained = new ArrayList<>();
        MatrixStatements matrices = new MatrixStatements(session, script, source);
        LetResults lets = new LetResults(session, matrices::handle);
        try (matrices; lets) {
            for (LoweredStatement statement : script.statements()) {
                try {
                    switch (statement) {
                        case LoweredStatement.Query query -> {
                            Result result = query(query, lets, reports, false);
                            explanations.add(result.explanation());
                            parts.add(part(statement));
                            explained.add(new ScriptExplainer.Part(part(statement), result.explanation()));
                            if (query.printed()) {
                                TablePrinter.print(result.table(), out);
                            }
                        }
                        case LoweredStatement.LetTable let when let.runs() -> {
                            Result result = query(let.query(), lets, reports, let.read());
                            explanations.add(result.explanation());
                            parts.add(part(statement));
                            explained.add(new ScriptExplainer.Part(part(statement), result.explanation()));
                            if (let.read()) {
                                lets.keep(let.name(), result);
                            }
                        }
                        case LoweredStatement.LetTable unread -> {
                        }
                        case LoweredStatement.Apply apply -> {
                            listener.starting(apply.span(), "line " + apply.span().startLine() + " apply", 0);
                            MatrixStatements.AppliedRun ran = matrices.apply(apply.statement());
                            reports.add(ran.report());
                            explained.add(ran.plan().isPresent()
                                    ? new ScriptExplainer.Part(ScriptExplainer.applyHeader(apply, source), null,
                                            ran.plan().get(), Optional.of(ran.actuals()))
                                    : new ScriptExplainer.Part(ScriptExplainer.eachHeader(apply, source,
                                            Optional.of(ran.actuals())), null, null));
                        }
                        case LoweredStatement.WriteBuffer write -> matrices.write(write.buffer(), write.path());
                    }
                } catch (InfeasibleBudgetException | ScriptRunException located) {
                    throw located;
                } catch (RuntimeException failure) {
                    throw new ScriptRunException(located(statement, failure), failure);
                }
            }
        }
        return new Outcome(reports, explanations, parts, explained);
    }

    /** How explain heads a statement's plan: its place in the script, and for a let its name. */
    public static String part(LoweredStatement statement) {
        if (!(statement instanceof LoweredStatement.LetTable let)) {
            return statement.span().location();
        }
        return let.span().location() + " let " + let.name()
                + (let.read() ? " (run once, read by later parts)" : " (run once for its write; no later part reads it)");
    }

    /** {@code keepRows}: a let read by later statements keeps its rows even when it also writes them. */
    private Result query(LoweredStatement.Query query, LetResults lets, List<RunReport> reports, boolean keepRows) {
        var plan = lets.bind(query.plan());
        var physical = session.physicalPlan(plan);
        listener.starting(query.span(), "line " + query.span().startLine(), physical.stage().sizing().shards());
        Result result = keepRows ? session.runKeepingRows(plan) : session.run(plan);
        result.report().ifPresent(reports::add);
        return result;
    }

    /** The statement, and for a failure in the workers the step and the shard, then the cause. */
    private String located(LoweredStatement statement, RuntimeException failure) {
        var shard = FailureLocation.shardFailure(failure);
        if (shard.isEmpty()) {
            return where(statement.span()) + describe(failure);
        }
        LoweredStatement.Query query = switch (statement) {
            case LoweredStatement.Query plain -> plain;
            case LoweredStatement.LetTable let -> let.query();
            case LoweredStatement.Apply _, LoweredStatement.WriteBuffer _ -> null;
        };
        if (query != null) {
            return where(statement.span()) + FailureLocation.steps(source, query.steps(), shard.get()) + " failed in "
                    + FailureLocation.shard(shard.get());
        }
        return FailureLocation.step(source, statement.span()) + " failed in " + FailureLocation.shard(shard.get());
    }

    private String where(SourceSpan span) {
        String line = source.line(span.startLine()).strip();
        return span.location() + ": the statement `" + line + (span.endLine() > span.startLine() ? " …" : "")
                + "` failed: ";
    }

    private static String describe(RuntimeException failure) {
        if (failure instanceof PlanException plan && !plan.hint().isEmpty()) {
            return plan.getMessage() + " (" + plan.hint() + ")";
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
