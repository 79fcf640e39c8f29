package dev.shard.planner.physical;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.List;

/** What a stage's workers produce from each shard. */
public sealed interface SinkExec extends Serializable {
    Schema input();

    /** Per-block partial aggregates (see BlockPartial), merged on the driver in block order. */
    record PartialAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input)
            implements SinkExec {
        public PartialAggregateExec {
            keys = List.copyOf(keys);
            aggregates = List.copyOf(aggregates);
        }
    }

    /** The shard's rows, in order, returned to the driver (small results only). */
    record CollectRowsExec(Schema input) implements SinkExec {
    }
}
