package dev.shard.runtime.api;

import dev.shard.storage.SharedReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run borrows (inputs), where it writes (outputs) and its random seed. Every
 * worker opens each reference at most once per run, on first use.
 */
public record RunOptions(Map<String, SharedReference<?>> inputs, Map<String, SharedReference<?>> outputs,
        long seed) {

    public RunOptions {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public static RunOptions none() {
        return new RunOptions(Map.of(), Map.of(), 0);
    }

    public RunOptions withInput(String name, SharedReference<?> input) {
        return new RunOptions(with(inputs, name, input, "input"), outputs, seed);
    }

    public RunOptions withOutput(String name, SharedReference<?> output) {
        return new RunOptions(inputs, with(outputs, name, output, "output"), seed);
    }

    public RunOptions withSeed(long seed) {
        return new RunOptions(inputs, outputs, seed);
    }

    private static Map<String, SharedReference<?>> with(Map<String, SharedReference<?>> map, String name,
            SharedReference<?> reference, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank");
        }
        if (reference == null) {
            throw new IllegalArgumentException(what + " '" + name + "' is null");
        }
        Map<String, SharedReference<?>> copy = new LinkedHashMap<>(map);
        copy.put(name, reference);
        return copy;
    }
}
