package dev.shard.planner.exec;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.share.SharedMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Rows of a shared matrix mapped zero-copy in this worker: the scan's columns are matrix
 * columns, each one contiguous run of little-endian doubles (column-major), bulk-copied batch
 * by batch into the batch's arrays (a batch-sized private copy, never the matrix). A matrix
 * has no nulls. Only the columns the scan names are touched.
 */
final class MatrixTableSource implements BatchSource {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED
            .withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment[] matrixColumns;
    private final BatchColumn[] columns;

    MatrixTableSource(SharedMatrix matrix, TableSource.SharedMatrix source, Schema schema) {
        if (source.columnNames().size() != matrix.columns()) {
            throw new PlanException("shared matrix " + source.name() + " has " + matrix.columns()
                    + " columns but its scan names " + source.columnNames().size(),
                    "name each of its columns once (Session.scanMatrix)");
        }
        this.matrixColumns = new MemorySegment[schema.size()];
        this.columns = new BatchColumn[schema.size()];
        for (int c = 0; c < columns.length; c++) {
            Field field = schema.fields().get(c);
            if (field.type() != DataType.DOUBLE) {
                throw new PlanException("column '" + field.name() + "' of shared matrix " + source.name()
                        + " is scanned as " + field.type(), "a matrix's columns are DOUBLE");
            }
            matrixColumns[c] = matrix.column(source.columnOf(field.name()));
            columns[c] = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
        }
    }

    @Override
    public long boundaryAfter(long row) {
        return Long.MAX_VALUE;
    }

    @Override
    public void fill(ColumnBatch batch, long firstRow, int size) {
        batch.reset(firstRow, size);
        for (int c = 0; c < columns.length; c++) {
            MemorySegment.copy(matrixColumns[c], DOUBLE, firstRow * Double.BYTES, columns[c].doubles, 0, size);
            columns[c].hasNulls = false;
            batch.setColumn(c, columns[c]);
        }
    }
}
