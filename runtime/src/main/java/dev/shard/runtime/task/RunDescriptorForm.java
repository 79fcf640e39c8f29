package dev.shard.runtime.task;

import dev.shard.storage.SharedReference;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * How a {@link RunDescriptor} travels to a worker: a plain object, not a record, for the
 * reason {@link ShardsForm} gives (a fresh worker decodes it before its first task of every
 * new kernel). {@link #readResolve} makes the record again through its constructor.
 */
final class RunDescriptorForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShardKernel<?> kernel;
    private final Shards shards;
    private final Map<String, SharedReference<?>> inputs;
    private final Map<String, SharedReference<?>> outputs;
    private final long seed;

    RunDescriptorForm(RunDescriptor descriptor) {
        this.kernel = descriptor.kernel();
        this.shards = descriptor.shards();
        this.inputs = descriptor.inputs();
        this.outputs = descriptor.outputs();
        this.seed = descriptor.seed();
    }

    @Serial
    private Object readResolve() {
        return new RunDescriptor(kernel, shards, inputs, outputs, seed);
    }
}
