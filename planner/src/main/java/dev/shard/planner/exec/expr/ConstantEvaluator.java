package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/** A literal, filled once into a full-size column that every batch reuses. */
final class ConstantEvaluator implements VectorEvaluator {
    private final BatchColumn column;

    ConstantEvaluator(DataType type, Object value) {
        column = new BatchColumn(type, ColumnBatch.CAPACITY);
        if (value == null) {
            Arrays.fill(column.nulls, true);
            column.hasNulls = true;
            return;
        }
        switch (type) {
            case INT -> Arrays.fill(column.longs, (Long) value);
            case DOUBLE -> Arrays.fill(column.doubles, (Double) value);
            case BOOL -> Arrays.fill(column.booleans, (Boolean) value);
            case STRING -> Arrays.fill(column.strings, (String) value);
        }
    }

    @Override
    public DataType type() {
        return column.type();
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        return column;
    }
}
