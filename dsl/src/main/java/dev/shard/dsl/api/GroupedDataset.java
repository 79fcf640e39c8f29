package dev.shard.dsl.api;

import java.util.List;

/** {@code groupBy(keys)} awaiting its aggregates. */
public final class GroupedDataset {
    private final Dataset input;
    private final List<String> keys;

    GroupedDataset(Dataset input, List<String> keys) {
        this.input = input;
        this.keys = List.copyOf(keys);
    }

    /** One row per distinct key combination: the keys, then the aggregates, in order. */
    public Dataset aggregate(Aggregation... aggregations) {
        return input.aggregate(keys, List.of(aggregations));
    }
}
