package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnBatch;

/** Fills batches with rows of a stage's input, by row index. */
interface BatchSource {
    /** The first row after {@code row} at which a batch must end (a record batch boundary), or Long.MAX_VALUE. */
    long boundaryAfter(long row);

    /** Resets {@code batch} to rows {@code [firstRow, firstRow + size)}, all selected, and fills its columns. */
    void fill(ColumnBatch batch, long firstRow, int size);

    /** Called once after a shard's last batch: a source that copied out of shared memory reports it here. */
    default void finishShard() {
    }
}
