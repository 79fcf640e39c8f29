package dev.shard.bench;

import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A shard's context when a stage kernel runs in this process (for a profiler, or a
 * single-thread benchmark) instead of in a worker: the inputs are objects already open
 * here, by name; no random stream, no output buffers, worker 0, first attempt.
 */
record LocalShardContext(Shard shard, Map<String, Object> inputs) implements ShardContext {
    LocalShardContext {
        inputs = Map.copyOf(inputs);
    }

    @Override
    public RandomGenerator random() {
        throw new UnsupportedOperationException("a stage run in process draws no random stream");
    }

    @Override
    public <T> T input(String name, Class<T> type) {
        Object input = inputs.get(name);
        if (input == null) {
            throw new UnsupportedOperationException("no input '" + name + "' (" + type.getSimpleName()
                    + ") in this process; it has " + inputs.keySet());
        }
        return type.cast(input);
    }

    @Override
    public <T> T output(String name, Class<T> type) {
        throw new UnsupportedOperationException("a stage run in process writes no output buffer, asked for '"
                + name + "'");
    }

    @Override
    public int workerId() {
        return 0;
    }

    @Override
    public int attempt() {
        return 1;
    }
}
