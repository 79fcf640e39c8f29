package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/** A literal, filled once into a full-size column that every batch reuses. */
final class ConstantEvaluator implements VectorEvaluator {
    private final BatchColumn column;
    private final Object value;

    ConstantEvaluator(DataType type, Object value) {
        this.value = value;
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

    /** The literal's value (null for null): for loops that compare against it without a column. */
    Object value() {
        return value;
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        return column;
    }
}
