package dev.shard.planner.physical;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.Schema;
import java.util.List;

/** Operators the driver runs over a stage's (small) merged result, in order. */
public sealed interface DriverExec {
    /**
     * Folds the block partials in block order into one row per group, on the driver or, as
     * {@code merge} says, in a merge stage of the workers whose partition results the driver
     * puts back in order of first appearance.
     */
    record FinalAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input, Schema output,
            AggregateMerge merge) implements DriverExec {
        public FinalAggregateExec {
            keys = List.copyOf(keys);
            aggregates = List.copyOf(aggregates);
            java.util.Objects.requireNonNull(merge, "merge");
        }

        /** Merged on the driver, with no estimate behind the choice (hand-built plans, tests). */
        public FinalAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input, Schema output) {
            this(keys, aggregates, input, output, AggregateMerge.onDriver());
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

    /** Keeps the rows of an aggregation's result where {@code predicate} is true (a HAVING). */
    record FilterExec(Expr predicate, Schema input) implements DriverExec {
    }

    /** Computes {@code columns} over an aggregation's result (a derive or select after it). */
    record ProjectExec(List<NamedExpr> columns, Schema input, Schema output) implements DriverExec {
        public ProjectExec {
            columns = List.copyOf(columns);
        }
    }
}
