package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Splits rows by key hash into a partition file: record batch p holds partition p's rows, in row order. */
public final class Partitioning {
    private Partitioning() {
    }

    /**
     * Writes {@code table} (of {@code exec}'s file schema) as shard {@code shard}'s partition
     * file in {@code directory}; null when it has no rows.
     */
    public static StageFile write(ColumnTable table, PartitionRowsExec exec, Path directory, int shard) {
        if (table.rows() == 0) {
            return null;
        }
        BatchColumn[] keys = exec.keys().stream().map(table::column).toArray(BatchColumn[]::new);
        int[] partitionOf = new KeyPartitioner(exec).partitionsOf(table, keys);
        int[] sizes = new int[exec.partitions()];
        for (int partition : partitionOf) {
            sizes[partition]++;
        }
        int[][] members = new int[exec.partitions()][];
        for (int p = 0; p < members.length; p++) {
            members[p] = new int[sizes[p]];
        }
        int[] filled = new int[exec.partitions()];
        for (int row = 0; row < partitionOf.length; row++) {
            members[partitionOf[row]][filled[partitionOf[row]]++] = row;
        }
        List<ColumnTable> parts = new ArrayList<>();
        for (int[] member : members) {
            parts.add(RowOrder.select(table, member));
        }
        return StageFiles.writeBatches(parts, directory, shard);
    }
}
