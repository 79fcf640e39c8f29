package dev.shard.runtime.task;

import dev.shard.storage.SharedReference;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * Everything a worker needs for one run, sent once per worker per run: the kernel, the
 * shard layout, the references it may open and the seed. Immutable; execution state
 * lives in the worker.
 */
public record RunDescriptor(ShardKernel<?> kernel, Shards shards, Map<String, SharedReference<?>> inputs,
        Map<String, SharedReference<?>> outputs, long seed) implements Serializable {

    /**
     * To a worker it travels in a layout of its own (the protocol's RunDescriptorCodec); Java-serialized
     * on its own, as a plain {@link RunDescriptorForm}: decoding a record costs a fresh worker's first run
     * (see {@link ShardsForm}).
     */
    @Serial
    private Object writeReplace() {
        return new RunDescriptorForm(this);
    }
}
