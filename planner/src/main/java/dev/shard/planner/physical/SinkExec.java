package dev.shard.planner.physical;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.List;

/** What a stage's workers produce from each shard. */
public sealed interface SinkExec extends Serializable {
    Schema input();

    /** Declared to the tuner; see OperatorCost. */
    OperatorCost cost();

    /**
     * Per-block partial aggregates (see BlockPartial), merged on the driver in block order.
     * A shard keeps its blocks' partials until it ends: at most one state per group and
     * block, declared as half a byte per input byte.
     */
    record PartialAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input)
            implements SinkExec {
        public PartialAggregateExec {
            keys = List.copyOf(keys);
            aggregates = List.copyOf(aggregates);
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0.5, 3.0 + 2.0 * aggregates.size());
        }
    }

    /**
     * The shard's rows, in order, written as an Arrow IPC file into the stage directory.
     * The rows are held on the heap, then once more as Arrow buffers while the file is written.
     */
    record CollectRowsExec(Schema input) implements SinkExec {
        @Override
        public OperatorCost cost() {
            return new OperatorCost(3.0, 2.0 * Math.max(1, input.size()));
        }
    }

    /**
     * The shard's rows stably sorted by {@code keys} (nulls last) and cut to the first
     * {@code limit} (−1: all), written like {@link CollectRowsExec}; the driver merges the
     * sorted shard files in order. With no keys it keeps the shard's first {@code limit}
     * rows: a limit pushed into every shard. The sort adds a permutation and the sorted
     * copy to the collected rows.
     */
    record SortedRowsExec(Schema input, List<SortKey> keys, long limit) implements SinkExec {
        public SortedRowsExec {
            keys = List.copyOf(keys);
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(keys.isEmpty() ? 3.0 : 4.5, (keys.isEmpty() ? 2.0 : 30.0)
                    + 2.0 * Math.max(1, input.size()));
        }
    }
}
