package dev.shard.dsl.api;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.run.ArrowTables;
import dev.shard.planner.run.QueryResult;
import dev.shard.runtime.report.RunReport;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A finished query: its rows on the driver, the workers' run report, and explain with actuals. */
public final class Result {
    private final QueryResult query;

    Result(QueryResult query) {
        this.query = query;
    }

    public ColumnTable table() {
        return query.table();
    }

    public long rows() {
        return query.table().rows();
    }

    /**
     * The query's run report, every stage's run combined (memory, shards, retries, recycles,
     * deaths naming their stage); empty when no stage ran.
     */
    public Optional<RunReport> report() {
        return query.report();
    }

    public PlanExplanation explanation() {
        return query.explanation();
    }

    public double computeSeconds() {
        return query.computeSeconds();
    }

    /** The rows as an Arrow table the caller closes. */
    public VectorSchemaRoot toArrow(BufferAllocator allocator) {
        return ArrowTables.toArrow(query.table(), allocator);
    }
}
