package dev.shard.runtime.api;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.ShardFailure;
import java.util.List;

/** A finished reduce: the partial results folded in shard order, so the value is deterministic. */
public final class ReduceRun<A> {
    private final A value;
    private final Run<?> run;

    ReduceRun(A value, Run<?> run) {
        this.value = value;
        this.run = run;
    }

    public boolean succeeded() {
        return run.succeeded();
    }

    /** The folded value; throws {@link RunFailedException} if any shard failed. */
    public A result() {
        run.results();
        return value;
    }

    public List<ShardFailure> failures() {
        return run.failures();
    }

    public RunReport report() {
        return run.report();
    }
}
