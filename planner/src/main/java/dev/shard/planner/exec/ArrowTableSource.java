package dev.shard.planner.exec;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.SharedArrowTable;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows of an Arrow table mapped zero-copy in this worker. Only the scan's columns are
 * touched; values are read straight from the vectors' buffers into the batch's
 * primitive arrays (a batch-sized private copy, never the table).
 */
final class ArrowTableSource implements BatchSource {
    private final Schema schema;
    private final List<VectorSchemaRoot> recordBatches;
    private final long[] starts;
    private final BatchColumn[] columns;

    ArrowTableSource(SharedArrowTable table, Schema schema) {
        this.schema = schema;
        this.recordBatches = table.batches();
        this.starts = new long[recordBatches.size() + 1];
        for (int b = 0; b < recordBatches.size(); b++) {
            starts[b + 1] = starts[b] + recordBatches.get(b).getRowCount();
        }
        this.columns = new BatchColumn[schema.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new BatchColumn(schema.fields().get(c).type(), ColumnBatch.CAPACITY);
        }
    }

    private int recordBatchOf(long row) {
        int index = java.util.Arrays.binarySearch(starts, row);
        int batch = index >= 0 ? index : -index - 2;
        while (batch + 1 < starts.length - 1 && starts[batch + 1] <= row) {
            batch++;
        }
        return batch;
    }

    @Override
    public long boundaryAfter(long row) {
        return starts[recordBatchOf(row) + 1];
    }

    @Override
    public void fill(ColumnBatch batch, long firstRow, int size) {
        batch.reset(firstRow, size);
        int index = recordBatchOf(firstRow);
        VectorSchemaRoot root = recordBatches.get(index);
        int offset = (int) (firstRow - starts[index]);
        for (int c = 0; c < columns.length; c++) {
            Field field = schema.fields().get(c);
            FieldVector vector = root.getVector(field.name());
            if (vector == null) {
                throw new PlanException("the Arrow table has no column '" + field.name() + "'",
                        "its columns are " + root.getSchema().getFields());
            }
            ArrowColumns.read(vector, offset, size, columns[c]);
            batch.setColumn(c, columns[c]);
        }
    }
}
