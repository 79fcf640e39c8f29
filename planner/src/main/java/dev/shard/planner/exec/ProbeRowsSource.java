package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnBatch;

/**
 * The row indices of a partitioned join's probe stage and nothing else: the batches and
 * blocks above the join are cut exactly as over the probe's own source, and the join's
 * reader fills each batch with the rows that came from it.
 */
final class ProbeRowsSource implements BatchSource {
    @Override
    public long boundaryAfter(long row) {
        return Long.MAX_VALUE;
    }

    @Override
    public void fill(ColumnBatch batch, long firstRow, int size) {
        batch.reset(firstRow, size);
    }
}
