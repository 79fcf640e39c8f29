package dev.shard.planner.exec;

import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A shard's context when a stage kernel runs in the caller's JVM instead of in a worker (a
 * profiler, a single-thread benchmark, an operator's test): the inputs are objects already open
 * here, by name; no random stream, no output buffers, worker 0, first attempt.
 */
public record InProcessShardContext(Shard shard, Map<String, Object> inputs) implements ShardContext {
    public InProcessShardContext {
        inputs = Map.copyOf(inputs);
    }

    @Override
    public RandomGenerator random() {
        throw new UnsupportedOperationException("a stage run in the caller's JVM draws no random stream");
    }

    @Override
    public <T> T input(String name, Class<T> type) {
        Object input = inputs.get(name);
        if (input == null) {
            throw new UnsupportedOperationException("no input '" + name + "' (" + type.getSimpleName()
                    + ") in this JVM; it has " + inputs.keySet());
        }
        return type.cast(input);
    }

    @Override
    public <T> T output(String name, Class<T> type) {
        throw new UnsupportedOperationException("a stage run in the caller's JVM writes no output buffer, asked for '"
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
