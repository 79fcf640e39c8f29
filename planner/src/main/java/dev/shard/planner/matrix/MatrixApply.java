package dev.shard.planner.matrix;

import dev.shard.runtime.task.Margin;
import java.util.List;
import java.util.Objects;

/**
 * What an apply asks for, before it is sized: one call of {@code function} per row or column
 * of the shared matrix {@code matrix} ({@code rows × columns} doubles, column-major), with
 * shared side inputs, one result per call into {@code into}.
 *
 * @param function             how explain names the function: {@code cor(column, y)}, or a kernel class
 * @param footprintBytesPerCall private bytes one call keeps while it runs (0 for the built-in
 *                             vector functions: they read the matrix in place and keep a few numbers)
 * @param pinnedCallsPerShard  calls per shard the user pinned, or 0 when the tuner chooses
 */
public record MatrixApply(String matrix, long rows, long columns, Margin margin, List<SideInput> sides,
        String function, String into, long footprintBytesPerCall, long pinnedCallsPerShard) {
    /** A shared input every call may read, and its size. */
    public record SideInput(String name, long bytes) {
        public SideInput {
            Objects.requireNonNull(name, "name");
            if (bytes < 0) {
                throw new IllegalArgumentException("side input `" + name + "` has a negative size: " + bytes);
            }
        }
    }

    public MatrixApply {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(into, "into");
        sides = List.copyOf(sides);
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("matrix `" + matrix + "` has a negative dimension: " + rows + " × "
                    + columns);
        }
        if (footprintBytesPerCall < 0 || pinnedCallsPerShard < 0) {
            throw new IllegalArgumentException("footprint per call and pinned calls per shard must be ≥ 0, got "
                    + footprintBytesPerCall + " and " + pinnedCallsPerShard);
        }
    }

    /** One call per row, or per column. */
    public long calls() {
        return margin == Margin.ROWS ? rows : columns;
    }

    /** Elements a call reads from the matrix. */
    public long vectorLength() {
        return margin == Margin.ROWS ? columns : rows;
    }

    public long matrixBytes() {
        return Math.multiplyExact(Math.multiplyExact(rows, columns), Double.BYTES);
    }

    /** The matrix and the side inputs: shared memory every worker maps and no worker copies. */
    public long sharedBytes() {
        return sides.stream().mapToLong(SideInput::bytes).reduce(matrixBytes(), Math::addExact);
    }

    /** {@code rows} or {@code columns}, as the apply statement says it. */
    public String marginName() {
        return margin == Margin.ROWS ? "row" : "column";
    }
}
