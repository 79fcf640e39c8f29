package dev.shard.runtime.task;

import java.util.random.RandomGenerator;

/** What a kernel sees while it runs one shard inside a worker. */
public interface ShardContext {
    /** Which items this task covers. */
    Shard shard();

    /** An independent random stream derived from (run seed, shard id): the same on every worker and attempt. */
    RandomGenerator random();

    /**
     * A borrowed input, opened zero-copy at most once per worker and kept mapped across runs while its data lives: the object its
     * {@link dev.shard.storage.SharedReference#open()} returned.
     */
    <T> T input(String name, Class<T> type);

    /** An output buffer, opened at most once per worker and kept open across runs while it exists. */
    <T> T output(String name, Class<T> type);

    int workerId();

    /** 1 for the first try. */
    int attempt();
}
