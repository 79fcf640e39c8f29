package dev.shard.dsl.api;

import dev.shard.planner.matrix.MatrixApply;
import dev.shard.planner.matrix.MatrixApplyPlan;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.task.Margin;
import dev.shard.runtime.task.VectorKernel;
import dev.shard.storage.SharedReference;
import dev.shard.storage.buffer.BufferReference;
import dev.shard.storage.share.SharedHandle;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * memApply in the fluent API: {@code session.apply("X", x, Margin.COLUMNS, kernel).with("y", y).run()}
 * calls the kernel once per column of the shared matrix {@code x}, reading it in place, with
 * {@code y} as a shared side input; the shards come from the tuner, as a query's do, and
 * {@link #explain()} says why. The built-in vector functions (sum, mean, var, sd, min, max, norm, dot)
 * are {@code dev.shard.dsl.vector.VectorFunctions} over {@code vector.column()}; cor is
 * {@code dev.shard.dsl.vector.ColumnCorrelation}.
 */
public final class MatrixApplyBuilder<R extends Serializable> {
    private final Session session;
    private final String name;
    private final SharedReference<?> matrix;
    private final Margin margin;
    private final VectorKernel<R> function;
    private final Map<String, SharedReference<?>> sides = new LinkedHashMap<>();
    private String description;
    private String into = "results";
    private long footprintBytesPerCall;
    private long pinnedCallsPerShard;

    MatrixApplyBuilder(Session session, String name, SharedReference<?> matrix, Margin margin,
            VectorKernel<R> function) {
        this.session = session;
        this.name = name;
        this.matrix = matrix;
        this.margin = margin;
        this.function = function;
        this.description = "kernel " + function.getClass().getName();
    }

    /** A shared side input every call reads by {@code name} ({@code context.input(name, ...)}). */
    public MatrixApplyBuilder<R> with(String sideName, SharedReference<?> side) {
        if (sides.putIfAbsent(sideName, side) != null) {
            throw new IllegalArgumentException("side input `" + sideName + "` is given twice: give each name once");
        }
        return this;
    }

    /** How explain names the function, e.g. {@code cor(column, y)}; the kernel's class name by default. */
    public MatrixApplyBuilder<R> describedAs(String functionDescription) {
        this.description = functionDescription;
        return this;
    }

    /** How explain names the results (default {@code results}). */
    public MatrixApplyBuilder<R> into(String resultsName) {
        this.into = resultsName;
        return this;
    }

    /** Private bytes one call holds while it runs, for the memory ceiling (register_kernel's footprint). */
    public MatrixApplyBuilder<R> footprintPerCall(long bytes) {
        this.footprintBytesPerCall = bytes;
        return this;
    }

    /** Pins the shard size instead of the tuner's choice. */
    public MatrixApplyBuilder<R> callsPerShard(long calls) {
        this.pinnedCallsPerShard = calls;
        return this;
    }

    /** The plan: calls per shard, the binding constraint and the tuner's arithmetic. */
    public MatrixApplyPlan plan() {
        long[] shape = shape(matrix);
        if (shape.length != 2) {
            throw new IllegalArgumentException("apply needs a matrix, but `" + name + "` (" + matrix.describe()
                    + ") has " + shape.length + " dimension(s): share it as a matrix, or use lapply");
        }
        List<MatrixApply.SideInput> inputs = new ArrayList<>();
        sides.forEach((sideName, side) -> inputs.add(new MatrixApply.SideInput(sideName, bytes(side))));
        return session.planApply(new MatrixApply(name, shape[0], shape[1], margin, inputs, description, into,
                footprintBytesPerCall, pinnedCallsPerShard));
    }

    /** Explain's text for this apply, without running it. */
    public String explain() {
        return plan().explainText();
    }

    /** Runs the apply on the session's pool; one result per row or column, in order. */
    public Run<R> run() {
        return session.pool().apply(matrix, margin, function, plan().shards(), Map.copyOf(sides));
    }

    private static long[] shape(SharedReference<?> reference) {
        return switch (reference) {
            case SharedHandle handle -> handle.shape();
            case BufferReference buffer -> buffer.dims();
            default -> throw new IllegalArgumentException("cannot size " + reference.describe()
                    + ": share it with Shared.share/shareMatrix or make it an OutputBuffer");
        };
    }

    private static long bytes(SharedReference<?> reference) {
        return switch (reference) {
            case SharedHandle handle -> handle.length();
            case BufferReference buffer -> {
                long cells = 1;
                for (long dimension : buffer.dims()) {
                    cells = Math.multiplyExact(cells, dimension);
                }
                yield Math.multiplyExact(cells, buffer.type().bytes());
            }
            default -> 0;
        };
    }
}
