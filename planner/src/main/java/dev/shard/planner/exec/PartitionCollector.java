package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.SinkExec.JoinSide;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import dev.shard.planner.type.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink of one side of a partitioned join: collects the shard's rows in order (on the
 * probe side with the first source row of each row's batch), then splits them by key
 * hash and commits one stage file whose record batch p is partition p.
 */
final class PartitionCollector {
    private final PartitionRowsExec exec;
    private final RowCollector rows;
    private long[] probeRows = new long[1024];
    private int count;

    PartitionCollector(PartitionRowsExec exec) {
        this.exec = exec;
        this.rows = new RowCollector(exec.input());
    }

    void append(ColumnBatch batch) {
        rows.append(batch);
        if (exec.side() == JoinSide.PROBE) {
            int added = batch.selectedCount();
            if (count + added > probeRows.length) {
                probeRows = java.util.Arrays.copyOf(probeRows, Math.max(count + added, probeRows.length * 2));
            }
            java.util.Arrays.fill(probeRows, count, count + added, batch.firstRow());
        }
        count += batch.selectedCount();
    }

    /** The shard's partition file, or null when the shard kept no rows. */
    StageFile commit(Path directory, int shard) {
        return Partitioning.write(withOrigin(rows.finish()), exec, directory, shard);
    }

    private ColumnTable withOrigin(ColumnTable collected) {
        if (exec.side() == JoinSide.BUILD) {
            return collected;
        }
        BatchColumn origin = new BatchColumn(DataType.INT, count);
        BatchColumn position = new BatchColumn(DataType.INT, count);
        for (int row = 0; row < count; row++) {
            origin.longs[row] = probeRows[row];
            position.longs[row] = row;
        }
        List<BatchColumn> columns = new ArrayList<>(collected.columns());
        columns.add(origin);
        columns.add(position);
        return new ColumnTable(exec.fileSchema(), count, columns);
    }
}
