package dev.shard.examples.colcor;

import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.storage.buffer.OutputBuffer;
import java.io.Serial;
import java.lang.foreign.MemorySegment;

/**
 * Generates W1's X in a worker: the shard's columns (shard item k is column
 * {@code firstColumn + k}: the driver may have made the columns before), with the reference
 * generator and y read from the shared vector the driver filled (input {@value #Y}), straight
 * into the shared column-major buffer (as the language fills
 * {@code matrix(n, p) {...}}). Every value depends only on (row, column), so a re-run
 * shard writes the same bits: the matrix is the same whichever worker made which column.
 * Returns the number of columns it wrote.
 *
 * <p>A plain class, not a record: a fresh worker decodes a record through method-handle chains
 * spun for its class, which its AOT cache does not hold (tens of milliseconds of the cold
 * command's first run, see runtime/ARCHITECTURE.md, "Warm runs").
 */
public final class ColumnGenerationKernel implements ShardKernel<Long> {
    public static final String TARGET = "colcor.x";
    public static final String Y = "colcor.y";
    /** Declared, so that no JVM hashes the class to compute it (see ShardKernel). */
    @Serial
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int columns;
    private final int firstColumn;

    public ColumnGenerationKernel(int rows, int columns, int firstColumn) {
        this.rows = rows;
        this.columns = columns;
        this.firstColumn = firstColumn;
    }

    @Override
    public Long run(ShardContext context) {
        OutputBuffer target = context.output(TARGET, OutputBuffer.class);
        if (target.rows() != rows || target.columns() != columns) {
            throw new IllegalStateException("colcor generates X of " + rows + " x " + columns + " but the buffer is "
                    + target.rows() + " x " + target.columns());
        }
        OutputBuffer y = context.input(Y, OutputBuffer.class);
        if (y.length() != rows) {
            throw new IllegalStateException("colcor generates X of " + rows + " rows but y has " + y.length());
        }
        MemorySegment data = target.data();
        MemorySegment yData = y.data();
        Shard shard = context.shard();
        if (shard.indices() == null && shard.step() == 1 && !shard.isTile()) {
            ColumnCorrelationWorkload.fillColumns(data, yData, rows, firstColumn + shard.start(),
                    firstColumn + shard.end());
        } else {
            shard.forEach(k -> ColumnCorrelationWorkload.fillColumns(data, yData, rows, firstColumn + k,
                    firstColumn + k + 1));
        }
        return shard.size();
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int firstColumn() {
        return firstColumn;
    }
}
