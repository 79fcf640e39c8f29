package dev.shard.planner.exec;

import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.nio.file.Path;
import java.util.List;

/** Rows per partition over a side's partition files (record batch p = partition p), read from the batch headers. */
public final class PartitionSizes {
    private PartitionSizes() {
    }

    /** Partition p's row count summed over {@code files}; {@code partitions} entries. */
    public static long[] rows(List<String> files, int partitions) {
        long[] rows = new long[partitions];
        for (String file : files) {
            try (SharedArrowTable table = ArrowFiles.open(Path.of(file))) {
                for (int p = 0; p < Math.min(partitions, table.batchCount()); p++) {
                    rows[p] += table.batch(p).getRowCount();
                }
            }
        }
        return rows;
    }
}
