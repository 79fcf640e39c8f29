package dev.shard.dsl.run;

import dev.shard.dsl.diag.SourceSpan;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.runtime.api.RunFailedException;
import dev.shard.runtime.task.ShardFailure;
import java.util.List;
import java.util.Optional;

/**
 * Where a run failed, in the script's terms: the step (its line and source text) and the
 * shard of the runtime's {@link RunFailedException}. A pipeline's steps run fused in one
 * stage, so a failure names the step whose kernel class is on the worker's stack trace,
 * and otherwise the stage's steps together.
 */
final class FailureLocation {
    private FailureLocation() {
    }

    /** The first failed shard of a {@link RunFailedException} in {@code failure}'s causes. */
    static Optional<ShardFailure> shardFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RunFailedException run && !run.failures().isEmpty()) {
                return Optional.of(run.failures().getFirst());
            }
        }
        return Optional.empty();
    }

    /** {@code "shard 3 (worker 1, pid 123, 3 attempts): <error>"}. */
    static String shard(ShardFailure failure) {
        return "shard " + failure.shardId() + " (worker " + failure.workerId() + ", pid " + failure.workerPid() + ", "
                + failure.attempts() + (failure.attempts() == 1 ? " attempt" : " attempts") + "): " + failure.error();
    }

    /** {@code "file:line:col: `source line`"} for one step. */
    static String step(SourceText source, SourceSpan span) {
        return span.location() + ": `" + source.line(span.startLine()).strip()
                + (span.endLine() > span.startLine() ? " …" : "") + "`";
    }

    /** The steps a query's failed shard points at: the kernel on its stack trace, else all of the stage's steps. */
    static String steps(SourceText source, List<LoweredStatement.PlanStep> steps, ShardFailure failure) {
        String trace = failure.error() + "\n" + failure.remoteStackTrace();
        for (LoweredStatement.PlanStep step : steps) {
            if (!step.kernelClass().isEmpty() && trace.contains(step.kernelClass())) {
                return "the step " + step(source, step.span());
            }
        }
        if (steps.isEmpty()) {
            return "the pipeline";
        }
        StringBuilder text = new StringBuilder("the stage running lines " + steps.getFirst().span().startLine() + "–"
                + steps.getLast().span().endLine() + " (");
        for (int i = 0; i < steps.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(steps.get(i).verb());
        }
        return text.append(")").toString();
    }
}
