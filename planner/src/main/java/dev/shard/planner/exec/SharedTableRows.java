package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.SharedArrowTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A mapped Arrow table's rows read into one heap table: {@code schema}'s columns, found by
 * name, so the table may hold more columns than are read.
 */
public final class SharedTableRows {
    private SharedTableRows() {
    }

    public static ColumnTable read(SharedArrowTable table, Schema schema) {
        int total = Math.toIntExact(table.rowCount());
        List<BatchColumn> columns = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            BatchColumn column = new BatchColumn(schema.fields().get(c).type(), total);
            int at = 0;
            for (VectorSchemaRoot batch : table.batches()) {
                int rows = batch.getRowCount();
                BatchColumn part = new BatchColumn(column.type(), rows);
                ArrowColumns.read(batch.getVector(schema.fields().get(c).name()), 0, rows, part);
                for (int r = 0; r < rows; r++) {
                    column.copyRow(part, r, at++);
                }
            }
            columns.add(column);
        }
        return new ColumnTable(schema, total, columns);
    }
}
