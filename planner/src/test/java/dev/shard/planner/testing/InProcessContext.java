package dev.shard.planner.testing;

import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A shard's context for a stage kernel run in the test's JVM: inputs already open here, by
 * name; no random stream, no output buffers, worker 0, first attempt.
 */
public record InProcessContext(Shard shard, Map<String, Object> inputs) implements ShardContext {
    public InProcessContext {
        inputs = new HashMap<>(inputs);
    }

    @Override
    public RandomGenerator random() {
        throw new UnsupportedOperationException("a stage run in the test's JVM draws no random stream");
    }

    @Override
    public <T> T input(String name, Class<T> type) {
        Object input = inputs.get(name);
        if (input == null) {
            throw new UnsupportedOperationException("no input '" + name + "' here; there are " + inputs.keySet());
        }
        return type.cast(input);
    }

    @Override
    public <T> T output(String name, Class<T> type) {
        throw new UnsupportedOperationException("a stage run in the test's JVM writes no output buffer");
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
