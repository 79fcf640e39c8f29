package dev.shard.runtime.worker;

import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardRandom;
import java.util.random.RandomGenerator;

/**
 * The {@link ShardContext} of the shard attempt under way inside a worker. One instance
 * per worker, moved to each shard in turn ({@link #moveTo}): a batch of tiny tasks makes
 * no context per task. A kernel sees it only while it runs its shard.
 */
final class TaskContext implements ShardContext {
    private final int workerId;
    private Shards shards;
    private int shardId;
    /** Made on the kernel's first {@link #shard()} call: a kernel that never asks makes none. */
    private Shard shard;
    private long seed;
    private int attempt;
    private RunResources resources;
    private RandomGenerator random;

    TaskContext(int workerId) {
        this.workerId = workerId;
    }

    /** Points this context at the run's seed, shard layout and resources (once per run). */
    void forRun(long runSeed, Shards runShards, RunResources runResources) {
        this.seed = runSeed;
        this.shards = runShards;
        this.resources = runResources;
    }

    /** Points this context at the next shard attempt; its shard and random stream are made on first use. */
    void moveTo(int nextShardId, int attemptNumber) {
        this.shardId = nextShardId;
        this.shard = null;
        this.attempt = attemptNumber;
        this.random = null;
    }

    @Override
    public Shard shard() {
        if (shard == null) {
            shard = shards.get(shardId);
        }
        return shard;
    }

    @Override
    public RandomGenerator random() {
        if (random == null) {
            random = ShardRandom.of(seed, shardId);
        }
        return random;
    }

    @Override
    public <T> T input(String name, Class<T> type) {
        return resources.input(name, type);
    }

    @Override
    public <T> T output(String name, Class<T> type) {
        return resources.output(name, type);
    }

    @Override
    public int workerId() {
        return workerId;
    }

    @Override
    public int attempt() {
        return attempt;
    }
}
