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

    /** What a run saw: one entry per statement that ran on the workers. */
    public record Outcome(List<RunReport> reports, List<PlanExplanation> explanations) {
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
        MatrixStatements matrices = new MatrixStatements(session, script, source);
        try (matrices) {
            for (LoweredStatement statement : script.statements()) {
                try {
                    switch (statement) {
                        case LoweredStatement.Query query -> {
                            var physical = session.physicalPlan(query.plan());
                            listener.starting(query.span(), "line " + query.span().startLine(),
                                    physical.stage().sizing().shards());
                            Result result = session.run(query.plan());
                            result.report().ifPresent(reports::add);
                            explanations.add(result.explanation());
                            if (query.printed()) {
                                TablePrinter.print(result.table(), out);
                            }
                        }
                        case LoweredStatement.Apply apply -> {
                            listener.starting(apply.span(), "line " + apply.span().startLine() + " apply", 0);
                            reports.add(matrices.apply(apply.statement()));
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
        return new Outcome(reports, explanations);
    }

    /** The statement, and for a failure in the workers the step and the shard, then the cause. */
    private String located(LoweredStatement statement, RuntimeException failure) {
        var shard = FailureLocation.shardFailure(failure);
        if (shard.isEmpty()) {
            return where(statement.span()) + describe(failure);
        }
        if (statement instanceof LoweredStatement.Query query) {
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
