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

    /**
     * The rows on the driver. A {@link Dataset#write} to a CSV or Arrow file streams its rows
     * from the workers into the file instead of holding them: its table is refused with a
     * message (read the file, or {@link Dataset#collect()}); {@link #rows()} still counts them.
     */
    public ColumnTable table() {
        return query.table();
    }

    public long rows() {
        return query.rows();
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
