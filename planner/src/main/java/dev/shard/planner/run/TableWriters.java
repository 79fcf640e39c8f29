package dev.shard.planner.run;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.WriteTarget;

/**
 * Writes a result held on the driver to CSV or an Arrow IPC file (see {@link RowFileWriter}:
 * atomically, in slices of {@link RowFileWriter#SLICE_ROWS} rows, so the file is the same
 * as when the rows are streamed from the workers' stage files), or into an output buffer.
 */
public final class TableWriters {
    private TableWriters() {
    }

    public static void write(ColumnTable table, WriteTarget target) {
        if (target instanceof WriteTarget.OutputBuffer buffer) {
            BufferTableWriter.write(table, buffer);
            return;
        }
        try (RowFileWriter writer = RowFileWriter.open(target, table.schema())) {
            for (int from = 0; from < table.rows(); from += RowFileWriter.SLICE_ROWS) {
                writer.write(table.columns(), from, Math.min(RowFileWriter.SLICE_ROWS, table.rows() - from));
            }
            writer.commit();
        }
    }

    static String quote(String value) {
        if (value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
