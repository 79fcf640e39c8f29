package dev.shard.dsl.run;

import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.SharedResult;
import dev.shard.dsl.lower.MatrixScans;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.storage.share.SharedHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The let tables of one script run: each result shared once, in the session's shared memory,
 * and read by every later plan that names it; all released when the script ends, also when
 * it fails.
 */
final class LetResults implements AutoCloseable {
    private final Session session;
    private final Function<String, SharedHandle> matrices;
    private final Map<String, SharedResult> results = new LinkedHashMap<>();

    /** @param matrices the shared matrix a script's matrix name stands for, made on first use */
    LetResults(Session session, Function<String, SharedHandle> matrices) {
        this.session = session;
        this.matrices = matrices;
    }

    void keep(String name, Result result) {
        results.put(name, session.share(name, result));
    }

    /**
     * {@code plan} with each scan of a let's result reading the shared table, with its actual
     * row count, and each scan of a script matrix reading the matrix the run made.
     */
    LogicalPlan bind(LogicalPlan plan) {
        if (plan instanceof LogicalScan scan && scan.source() instanceof TableSource.NamedResult named) {
            SharedResult result = results.get(named.name());
            if (result == null) {
                throw new IllegalStateException("the let `" + named.name() + "` did not run before a statement that"
                        + " reads it; this is a bug in shard");
            }
            return result.scan(scan.schema());
        }
        if (plan instanceof LogicalScan scan && MatrixScans.isUnbound(scan.source())) {
            TableSource.SharedMatrix matrix = (TableSource.SharedMatrix) scan.source();
            return new LogicalScan(new TableSource.SharedMatrix(matrix.name(),
                    matrices.apply(matrix.name()).encode(), matrix.columnNames()), scan.schema(), scan.rows());
        }
        List<LogicalPlan> inputs = plan.inputs().stream().map(this::bind).toList();
        return inputs.equals(plan.inputs()) ? plan : plan.withInputs(inputs);
    }

    @Override
    public void close() {
        results.values().forEach(SharedResult::close);
        results.clear();
    }
}
