package dev.shard.runtime.worker;

import dev.shard.runtime.task.RunDescriptor;
import dev.shard.storage.SharedReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs and outputs one worker uses for the current run: each reference is opened
 * on first use (zero-copy), through the worker's {@link OpenedReferences} so that a view
 * mapped by an earlier run is reused while its file is unchanged. Views the cache does not
 * keep are closed when the run ends.
 */
final class RunResources implements AutoCloseable {
    private final RunDescriptor descriptor;
    private final OpenedReferences cache;
    private final Map<String, AutoCloseable> inputs = new HashMap<>();
    private final Map<String, AutoCloseable> outputs = new HashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    RunResources(RunDescriptor descriptor, OpenedReferences cache) {
        this.descriptor = descriptor;
        this.cache = cache;
    }

    <T> T input(String name, Class<T> type) {
        return open(name, type, "input", descriptor.inputs(), inputs);
    }

    <T> T output(String name, Class<T> type) {
        return open(name, type, "output", descriptor.outputs(), outputs);
    }

    private <T> T open(String name, Class<T> type, String role, Map<String, SharedReference<?>> references,
            Map<String, AutoCloseable> opened) {
        AutoCloseable view = opened.get(name);
        if (view == null) {
            long started = System.nanoTime();
            SharedReference<?> reference = references.get(name);
            if (reference == null) {
                throw new IllegalArgumentException("no " + role + " named '" + name + "' in this run; the run has "
                        + role + "s " + references.keySet() + " (add it with RunOptions.with"
                        + (role.equals("input") ? "Input" : "Output") + ")");
            }
            OpenedReferences.Opened acquired = cache.acquire(reference);
            view = acquired.view();
            if (!acquired.kept()) {
                owned.add(view);
            }
            opened.put(name, view);
            openNanos += System.nanoTime() - started;
        }
        if (!type.isInstance(view)) {
            throw new ClassCastException(role + " '" + name + "' opens as " + view.getClass().getName()
                    + ", not " + type.getName());
        }
        return type.cast(view);
    }

    /** Time spent opening (mapping) this run's inputs and outputs since last taken; a failed open is not counted. */
    private long openNanos;

    /** The opening time since the last call, reported with each batch's results. */
    long takeOpenNanos() {
        long taken = openNanos;
        openNanos = 0;
        return taken;
    }

    @Override
    public void close() {
        for (AutoCloseable view : owned) {
            try {
                view.close();
            } catch (Exception e) {
                System.err.println("shard worker: closing " + view + " failed: " + e);
            }
        }
        owned.clear();
        inputs.clear();
        outputs.clear();
        cache.trim();
    }
}
