package dev.shard.runtime.tune;

import java.util.Objects;

/**
 * The tuner's answer for one stage.
 *
 * @param rowsPerShard rows in every shard but possibly the last; a multiple of the block
 *                     unless the whole input is smaller than one block
 * @param shards       how many shards cover the input (at least one, even for no rows, so
 *                     the stage still runs once: an aggregate without keys yields a row)
 * @param arithmetic   one line in human units saying why, for explain
 * @param estimatedPeakPrivateBytesPerWorker a worker JVM's base plus one shard's working set
 */
public record ShardChoice(long rowsPerShard, int shards, BindingConstraint binding, String arithmetic,
        long estimatedPeakPrivateBytesPerWorker) {
    public ShardChoice {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(arithmetic, "arithmetic");
        if (rowsPerShard <= 0 || shards <= 0) {
            throw new IllegalArgumentException("a choice needs positive rows per shard and shards, got "
                    + rowsPerShard + " and " + shards);
        }
    }
}
