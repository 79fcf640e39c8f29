package dev.shard.planner.physical;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.Schema;
import java.util.List;

/** Operators the driver runs over a stage's (small) merged result, in order. */
public sealed interface DriverExec {
    /** Folds the block partials in block order into one row per group. */
    record FinalAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input, Schema output)
            implements DriverExec {
        public FinalAggregateExec {
            keys = List.copyOf(keys);
            aggregates = List.copyOf(aggregates);
        }
    }

    /** A stable sort, nulls last in both directions. */
    record SortExec(List<SortKey> keys) implements DriverExec {
        public SortExec {
            keys = List.copyOf(keys);
        }
    }

    /**
     * A k-way merge of shards' sorted files, in shard order among equal keys: the result
     * equals one stable sort of all rows (see SortedRowsExec).
     */
    record MergeSortedExec(List<SortKey> keys) implements DriverExec {
        public MergeSortedExec {
            keys = List.copyOf(keys);
        }
    }

    /** The first {@code count} rows. */
    record LimitExec(long count) implements DriverExec {
    }
}
