package dev.shard.runtime.task;

import dev.shard.storage.SharedReference;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link RunDescriptor} travels to a worker: a plain object, not a record, for the
 * reason {@link ShardsForm} gives (a fresh worker decodes it before its first task of every
 * new kernel). {@link #readResolve} makes the record again through its constructor.
 */
final class RunDescriptorForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    private final ShardKernel<?> kernel;
    private final Shards shards;
    /*
     * Names and references side by side, not maps: the JDK's maps decode through a private
     * readObject called reflectively, which spins method-handle forms on a fresh worker.
     */
    private final String[] inputNames;
    private final SharedReference<?>[] inputReferences;
    private final String[] outputNames;
    private final SharedReference<?>[] outputReferences;
    private final long seed;

    RunDescriptorForm(RunDescriptor descriptor) {
        this.kernel = descriptor.kernel();
        this.shards = descriptor.shards();
        this.inputNames = descriptor.inputs().keySet().toArray(String[]::new);
        this.inputReferences = descriptor.inputs().values().toArray(SharedReference<?>[]::new);
        this.outputNames = descriptor.outputs().keySet().toArray(String[]::new);
        this.outputReferences = descriptor.outputs().values().toArray(SharedReference<?>[]::new);
        this.seed = descriptor.seed();
    }

    @Serial
    private Object readResolve() {
        return new RunDescriptor(kernel, shards, map(inputNames, inputReferences), map(outputNames, outputReferences),
                seed);
    }

    /** The map again, in the order it was sent, unmodifiable as the driver's. */
    private static Map<String, SharedReference<?>> map(String[] names, SharedReference<?>[] references) {
        if (names.length != references.length) {
            throw new IllegalStateException("a run descriptor with " + names.length + " names for "
                    + references.length + " references: driver and worker must run the same classpath");
        }
        Map<String, SharedReference<?>> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], references[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
