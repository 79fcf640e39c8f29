package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.storage.arrow.SharedArrowTable;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads partition p of a side's partition files (record batch p of each, files in shard
 * order): mapped zero-copy, handed out as batches of at most a batch's capacity whose
 * values are copied from the mapping, in file and row order.
 */
final class PartitionFiles {
    private PartitionFiles() {
    }

    /** Every row of partition {@code partition} of {@code table}, in order, batch by batch. */
    static void forEachBatch(SharedArrowTable table, ArrowTableSource source, int partition,
            Consumer<ColumnBatch> consumer) {
        List<VectorSchemaRoot> batches = table.batches();
        if (batches.size() <= partition) {
            throw new IllegalStateException("a partition file has " + batches.size() + " record batches, partition "
                    + partition + " was asked for: the sides were split into different partition counts");
        }
        long start = 0;
        for (int b = 0; b < partition; b++) {
            start += batches.get(b).getRowCount();
        }
        long end = start + batches.get(partition).getRowCount();
        ColumnBatch batch = new ColumnBatch(source.columnCount());
        for (long row = start; row < end; row += ColumnBatch.CAPACITY) {
            source.fill(batch, row, (int) Math.min(ColumnBatch.CAPACITY, end - row));
            consumer.accept(batch);
        }
    }
}
