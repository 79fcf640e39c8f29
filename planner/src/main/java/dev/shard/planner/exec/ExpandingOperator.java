package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnBatch;

/**
 * A pipeline operator that may turn one batch into more rows than a batch holds (a join
 * probe, a map kernel): it takes the input batch, then hands out output batches of at
 * most {@link ColumnBatch#CAPACITY} rows until it returns null. Each output batch is
 * consumed downstream before the next is asked for, so one output batch is reused.
 */
interface ExpandingOperator extends BatchOperator {
    void start(ColumnBatch input);

    /** The next output batch of the current input, or null when the input is used up. */
    ColumnBatch next();

    @Override
    default ColumnBatch apply(ColumnBatch batch) {
        throw new IllegalStateException(getClass().getSimpleName() + " expands batches: drive it with start/next");
    }
}
