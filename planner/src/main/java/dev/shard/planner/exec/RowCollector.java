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
        append(batch, batch.selectedCount());
    }

    /** The first {@code count} selected rows of {@code batch}. */
    void append(ColumnBatch batch, int count) {
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

    int rows() {
        return rows;
    }

    /** The rows so far over the collector's own arrays, no copy: valid until the next append or clear. */
    ColumnTable view() {
        return new ColumnTable(schema, rows, Arrays.asList(columns));
    }

    /** Starts over, keeping the grown arrays for the next rows. */
    void clear() {
        rows = 0;
    }

    ColumnTable finish() {
        return new ColumnTable(schema, rows, Arrays.stream(columns).map(c -> c.trimmed(rows)).toList());
    }
}
