package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.type.DataType;

/**
 * The running state of one aggregate for every group, kept in primitive columns. A
 * worker accumulates rows block by block and exports each block's state as partial
 * columns; the merge folds partials in block order with {@link #merge}, then
 * {@link #finish} produces the result column. Nulls are skipped, as in SQL.
 */
public abstract class AggregateState {
    /** Adds the selected rows of {@code batch}; {@code groupIds[k]} is the group of the k-th selected row. */
    public abstract void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups);

    /** The state of groups {@code [0, groups)} as partial columns, sized exactly. */
    public abstract BatchColumn[] export(int groups);

    /**
     * Writes what {@link #export} returns, without the exported copies where a state can;
     * the columns are read back by {@link PackedPartials} as {@code export}'s.
     */
    void write(int groups, PartialsWriter out) {
        BatchColumn[] columns = export(groups);
        out.columnCount(columns.length);
        for (BatchColumn column : columns) {
            out.column(column, column.capacity());
        }
    }

    /** Folds partial row {@code r} into group {@code groupIds[r]}, for every partial row, in order. */
    public abstract void merge(int[] groupIds, BatchColumn[] partial, int rows, int groups);

    /** The result for groups {@code [0, groups)}. */
    public abstract BatchColumn finish(int groups);

    /** Forgets every group. */
    public abstract void clear();

    /**
     * @param argument the argument's type, or null for {@code count()}
     */
    public static AggregateState create(AggregateFunction function, DataType argument) {
        return switch (function) {
            case COUNT -> new CountState(argument != null);
            case SUM -> new SumState(argument, false);
            case MEAN -> new SumState(argument, true);
            case MIN -> new ExtremeState(argument, true);
            case MAX -> new ExtremeState(argument, false);
            case VAR -> new VarianceState(argument, false);
            case SD -> new VarianceState(argument, true);
            case FIRST -> new PositionalState(argument, true);
            case LAST -> new PositionalState(argument, false);
            case COUNT_DISTINCT -> new DistinctState(argument);
        };
    }

    static double number(BatchColumn input, int row) {
        return input.type() == DataType.INT ? input.longs[row] : input.doubles[row];
    }
}
