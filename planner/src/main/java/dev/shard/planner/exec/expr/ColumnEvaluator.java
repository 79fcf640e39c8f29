package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;

/** A reference to an input column: the batch's own column, no copy unless the heap form is asked for. */
record ColumnEvaluator(int index, DataType type) implements VectorEvaluator {
    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        return batch.column(index);
    }

    @Override
    public BatchColumn evaluateInPlace(ColumnBatch batch) {
        return batch.columnInPlace(index);
    }
}
