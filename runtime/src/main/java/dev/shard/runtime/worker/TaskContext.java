package dev.shard.runtime.worker;

import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardRandom;
import java.util.random.RandomGenerator;

/** The {@link ShardContext} of one shard attempt inside a worker. */
final class TaskContext implements ShardContext {
    private final Shard shard;
    private final long seed;
    private final int workerId;
    private final int attempt;
    private final RunResources resources;
    private RandomGenerator random;

    TaskContext(Shard shard, long seed, int workerId, int attempt, RunResources resources) {
        this.shard = shard;
        this.seed = seed;
        this.workerId = workerId;
        this.attempt = attempt;
        this.resources = resources;
    }

    @Override
    public Shard shard() {
        return shard;
    }

    @Override
    public RandomGenerator random() {
        if (random == null) {
            random = ShardRandom.of(seed, shard.id());
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
