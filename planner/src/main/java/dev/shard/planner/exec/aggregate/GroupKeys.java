package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.List;

/**
 * Numbers the distinct key combinations in order of first appearance (0, 1, ...). A
 * null key is a value of its own, -0.0 equals 0.0 and every NaN equals every NaN, so a
 * group is the same whatever block it was first seen in.
 */
public interface GroupKeys {
    /** Writes the group of each selected row of {@code batch}, in selection order, into {@code groupIds}. */
    void assign(BatchColumn[] keyValues, ColumnBatch batch, int[] groupIds);

    /** The group of row {@code row} of {@code keyValues}, added when new. */
    int insert(BatchColumn[] keyValues, int row);

    /** {@link #insert} for rows {@code [0, rows)} of {@code keyValues} in order (a partial's groups), into {@code groupIds}. */
    default void insertAll(BatchColumn[] keyValues, int rows, int[] groupIds) {
        for (int row = 0; row < rows; row++) {
            groupIds[row] = insert(keyValues, row);
        }
    }

    int size();

    /** The key columns, one row per group in group order, sized exactly. */
    BatchColumn[] export();

    void clear();

    /** Writes what {@link #export} returns (see PackedPartials). */
    default void write(PartialsWriter out) {
        BatchColumn[] columns = export();
        out.columnCount(columns.length);
        for (BatchColumn column : columns) {
            out.column(column, column.capacity());
        }
    }

    static GroupKeys create(List<DataType> types) {
        if (types.isEmpty()) {
            return new SingleGroup();
        }
        if (types.size() == 1 && types.getFirst() == DataType.INT) {
            return new IntKeyGroups();
        }
        return new RowKeyGroups(types);
    }

    /** No keys: every row is group 0. */
    final class SingleGroup implements GroupKeys {
        private boolean seen;

        @Override
        public void assign(BatchColumn[] keyValues, ColumnBatch batch, int[] groupIds) {
            int count = batch.selectedCount();
            java.util.Arrays.fill(groupIds, 0, count, 0);
            seen |= count > 0;
        }

        @Override
        public int insert(BatchColumn[] keyValues, int row) {
            seen = true;
            return 0;
        }

        @Override
        public int size() {
            return seen ? 1 : 0;
        }

        @Override
        public BatchColumn[] export() {
            return new BatchColumn[0];
        }

        @Override
        public void clear() {
            seen = false;
        }
    }
}
