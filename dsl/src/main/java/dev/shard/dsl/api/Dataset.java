package dev.shard.dsl.api;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.TableKernel;
import dev.shard.planner.exec.TableKernels;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import dev.shard.storage.buffer.OutputBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An immutable query under construction: each verb returns a new dataset over a new
 * logical plan node, checked (names, types) as it is built. Nothing runs until
 * {@link #collect()}, {@link #write}, {@link #execute()} or {@code explain(ANALYZE)}.
 */
public final class Dataset {
    /** {@link #collect()} refuses results estimated above this size: write them to a file instead. */
    public static final long COLLECT_LIMIT_BYTES = 256L << 20;

    private final Session session;
    private final LogicalPlan plan;

    Dataset(Session session, LogicalPlan plan) {
        this.session = session;
        this.plan = plan;
    }

    public LogicalPlan plan() {
        return plan;
    }

    public Schema schema() {
        return plan.schema();
    }

    public Dataset filter(Ex predicate) {
        return next(new LogicalFilter(plan, predicate.expr()));
    }

    /** Adds (or replaces) columns, keeping every existing one. */
    public Dataset derive(NamedExpr... columns) {
        return next(LogicalProject.derive(plan, List.of(columns)));
    }

    public Dataset select(String... columns) {
        return next(new LogicalProject(plan, Arrays.stream(columns).map(c -> NamedExpr.of(c, new Column(c)))
                .toList()));
    }

    public Dataset select(NamedExpr... columns) {
        return next(new LogicalProject(plan, List.of(columns)));
    }

    public GroupedDataset groupBy(String... keys) {
        return new GroupedDataset(this, List.of(keys));
    }

    Dataset aggregate(List<String> keys, List<Aggregation> aggregations) {
        return next(new LogicalAggregate(plan, keys, aggregations.stream().map(Aggregation::call).toList()));
    }

    /** Sorts by the columns in order; {@code "-name"} sorts descending; stable, nulls last. */
    public Dataset sort(String... columns) {
        return next(new LogicalSort(plan, Arrays.stream(columns).map(c -> c.startsWith("-")
                ? SortKey.descending(c.substring(1)) : SortKey.ascending(c)).toList()));
    }

    public Dataset limit(long count) {
        return next(new LogicalLimit(plan, count));
    }

    /** Pins the rows per shard of the stage reading this dataset, overriding the sizing (explain says pinned). */
    public Dataset shardRows(long rows) {
        return next(new LogicalShardRows(plan, rows));
    }

    /**
     * An equality join on {@code leftColumn == rightColumn}: every column of this dataset,
     * then the right's other columns; rows in this dataset's order, then the right's. The
     * right side runs first and is broadcast to the workers, or, too large for the budget,
     * both sides are split by key hash and joined per partition (explain says which and why).
     */
    public Dataset join(Dataset right, JoinType type, String leftColumn, String rightColumn) {
        return next(new LogicalJoin(plan, right.plan, type, List.of(new JoinKey(leftColumn, rightColumn))));
    }

    /**
     * A {@link TableKernel} class run over each shard's rows in the workers, with its output
     * columns from the class's {@code outputSchema(Schema, Map)}; {@code footprintBytesPerRow}
     * is the private memory it holds per input row (the tuner sizes shards with it).
     */
    public Dataset mapKernel(Class<? extends TableKernel> kernel, Map<String, Serializable> parameters,
            double footprintBytesPerRow) {
        Schema output = TableKernels.outputSchema(kernel, plan.schema(), parameters);
        return mapKernel(kernel.getName(), parameters, output, footprintBytesPerRow);
    }

    /**
     * A {@link TableKernel} class run over each shard's rows, with the footprint it declares
     * ({@link TableKernel#footprintBytesPerRow}), as a script's {@code map kernel} step.
     */
    public Dataset mapKernel(Class<? extends TableKernel> kernel, Map<String, Serializable> parameters) {
        return mapKernel(kernel, parameters, TableKernels.footprintBytesPerRow(kernel, plan.schema(), parameters));
    }

    /** A kernel class named by its binary name, with its output columns given here. */
    public Dataset mapKernel(String kernelClass, Map<String, Serializable> parameters, Schema output,
            double footprintBytesPerRow) {
        return next(new LogicalMapKernel(plan, kernelClass, parameters, output, footprintBytesPerRow));
    }

    public Result execute() {
        return session.execute(plan);
    }

    /** The rows as an Arrow table (the caller closes it); refused above {@link #COLLECT_LIMIT_BYTES}. */
    public VectorSchemaRoot collect() {
        Result result = execute();
        long bytes = result.rows() * schema().estimatedBytesPerRow();
        if (bytes > COLLECT_LIMIT_BYTES) {
            throw new PlanException("collect: the result has " + result.rows() + " rows (about " + bytes
                    + " bytes), above the " + COLLECT_LIMIT_BYTES + "-byte limit of collect()",
                    "write it to a file with write(path), or aggregate or limit it first");
        }
        return result.toArrow(session.allocator());
    }

    /** Writes the rows to {@code file}: CSV ({@code .csv}) or an Arrow IPC file ({@code .arrow}). */
    public Result write(Path file) {
        WriteTarget target = WriteTarget.forPath(file);
        if (target == null) {
            throw new PlanException("write: cannot tell the format of " + file, "name it .csv or .arrow");
        }
        return session.execute(new LogicalWrite(plan, target));
    }

    /**
     * Writes the values into a shared output buffer ({@code name} for explain): one column into a
     * vector of as many elements as rows, several into a rows × columns matrix, column-major.
     * Shape, types and nulls are checked before any value is written (see the README).
     */
    public Result writeTo(String name, OutputBuffer buffer) {
        return session.execute(new LogicalWrite(plan, new WriteTarget.OutputBuffer(name, buffer.path().toString())));
    }

    /**
     * The plan, the stage and its sizing; at VERBOSE also the plan after each rule; at ANALYZE,
     * runs the query and adds the actuals.
     */
    public PlanExplanation explain(ExplainLevel level) {
        if (level == ExplainLevel.ANALYZE) {
            return execute().explanation();
        }
        return session.explain(plan, level);
    }

    private Dataset next(LogicalPlan node) {
        return new Dataset(session, node);
    }
}
