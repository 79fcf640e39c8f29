package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import java.util.Arrays;

/** Appends the selected rows of batches, in order, into growing columns. */
final class RowCollector {
    private final Schema schema;
    private final BatchColumn[] columns;
    private int rows;

    RowCollector(Schema schema) {
        this.schema = schema;
        this.columns = schema.fields().stream().map(f -> new BatchColumn(f.type(), 1024)).toArray(BatchColumn[]::new);
    }

    void append(ColumnBatch batch) {
        int count = batch.selectedCount();
        for (int c = 0; c < columns.length; c++) {
            BatchColumn target = columns[c];
            target.ensureCapacity(rows + count);
            BatchColumn source = batch.column(c);
            for (int k = 0; k < count; k++) {
                target.copyRow(source, batch.selected(k), rows + k);
            }
        }
        rows += count;
    }

    ColumnTable finish() {
        return new ColumnTable(schema, rows, Arrays.stream(columns).map(c -> c.trimmed(rows)).toList());
    }
}
