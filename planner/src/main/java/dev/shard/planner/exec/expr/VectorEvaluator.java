package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;

/**
 * A compiled expression: evaluates every row of a batch at once into a column it owns
 * and reuses (or, for a column reference, the batch's own column). Results are valid
 * until the next call. Rows outside the batch's selection are computed too: every
 * function is total (no exceptions, nulls instead), so this costs nothing but time and
 * keeps the loops free of branches on the selection.
 */
public interface VectorEvaluator {
    DataType type();

    /** The result in the heap form: its arrays hold the values. */
    BatchColumn evaluate(ColumnBatch batch);

    /**
     * The result as it is: a scanned column may come back in its mapped form (see
     * {@link BatchColumn#mapped()}), for operators with an in-place loop. Everything but a
     * column reference computes into heap arrays anyway.
     */
    default BatchColumn evaluateInPlace(ColumnBatch batch) {
        return evaluate(batch);
    }

    /**
     * Keeps only the batch's selected rows where this predicate is true and not null. A
     * comparison of a mapped column with a constant does it in one pass over the mapping;
     * everything else evaluates the column first, then narrows by it.
     */
    default void narrow(ColumnBatch batch) {
        batch.narrow(evaluate(batch));
    }
}
