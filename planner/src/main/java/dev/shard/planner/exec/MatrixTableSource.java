package dev.shard.planner.exec;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import dev.shard.planner.exec.vector.MaterializedBytes;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.share.SharedMatrix;
import dev.shard.storage.copy.CopyLedger;
import java.lang.foreign.MemorySegment;

/**
 * Rows of a shared matrix mapped zero-copy in this worker: the scan's columns are matrix
 * columns, each one contiguous run of little-endian doubles (column-major), read in place
 * batch by batch (the columns' mapped form, {@link MappedValues}, as for an Arrow scan; what
 * operators without an in-place loop copy into arrays is counted). A matrix has no nulls.
 * Only the columns the scan names are touched.
 */
final class MatrixTableSource implements BatchSource {
    private final MemorySegment[] matrixColumns;
    private final BatchColumn[] columns;
    private final MappedValues[] mapped;
    private final MaterializedBytes materialized = new MaterializedBytes();
    /** The sum of the bytes {@link MappedValues#touchPages} read: kept so the JIT keeps the loads. */
    private long touched;

    MatrixTableSource(SharedMatrix matrix, TableSource.SharedMatrix source, Schema schema) {
        if (source.columnNames().size() != matrix.columns()) {
            throw new PlanException("shared matrix " + source.name() + " has " + matrix.columns()
                    + " columns but its scan names " + source.columnNames().size(),
                    "name each of its columns once (Session.scanMatrix)");
        }
        this.matrixColumns = new MemorySegment[schema.size()];
        this.columns = new BatchColumn[schema.size()];
        this.mapped = new MappedValues[schema.size()];
        for (int c = 0; c < columns.length; c++) {
            Field field = schema.fields().get(c);
            if (field.type() != DataType.DOUBLE) {
                throw new PlanException("column '" + field.name() + "' of shared matrix " + source.name()
                        + " is scanned as " + field.type(), "a matrix's columns are DOUBLE");
            }
            matrixColumns[c] = matrix.column(source.columnOf(field.name()));
            columns[c] = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
            mapped[c] = new MappedValues(MappedValues.Width.FLOAT64, materialized);
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
            mapped[c].point(matrixColumns[c], firstRow, size);
            touched += mapped[c].touchPages();
            columns[c].hasNulls = false;
            columns[c].mapTo(mapped[c]);
            batch.setColumn(c, columns[c]);
        }
    }

    /** Values that operators copied out of the matrix after all, as one copy-ledger entry per shard. */
    @Override
    public void finishShard() {
        if (materialized.bytes() > 0) {
            CopyLedger.record("matrixColumnToHeap", materialized.bytes());
            materialized.clear();
        }
    }
}
