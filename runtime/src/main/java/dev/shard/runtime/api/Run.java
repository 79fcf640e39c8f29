package dev.shard.runtime.api;

import dev.shard.runtime.driver.DeferredReport;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.ShardFailure;
import java.util.Collections;
import java.util.List;

/**
 * A finished run: each shard's result in shard order, or the failures that stopped it.
 * A failed run never pretends to have results: {@link #results()} throws.
 */
public final class Run<R> {
    private final List<R> results;
    private final List<ShardFailure> failures;
    private final String runError;
    private final DeferredReport report;

    Run(List<R> results, List<ShardFailure> failures, String runError, DeferredReport report) {
        this.results = Collections.unmodifiableList(results);
        this.failures = List.copyOf(failures);
        this.runError = runError;
        this.report = report;
    }

    public boolean succeeded() {
        return failures.isEmpty() && runError == null;
    }

    /** Results in shard order; throws {@link RunFailedException} naming shard, attempts, worker and cause. */
    public List<R> results() {
        if (!succeeded()) {
            throw RunFailedException.of(failures, runError);
        }
        return results;
    }

    public List<ShardFailure> failures() {
        return failures;
    }

    /** The run's report, assembled on the first call (off the run's own wait); the same instance after that. */
    public RunReport report() {
        return report.get();
    }

    /** The same run with each shard's list of per-item results concatenated in order. */
    static <R> Run<R> flatten(Run<? extends List<R>> run) {
        List<R> flat = new java.util.ArrayList<>();
        if (run.succeeded()) {
            run.results().forEach(flat::addAll);
        }
        return new Run<>(flat, run.failures, run.runError, run.report);
    }
}
