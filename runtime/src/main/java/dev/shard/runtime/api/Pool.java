package dev.shard.runtime.api;

import dev.shard.runtime.driver.DriverConductor;
import dev.shard.runtime.driver.DriverPreparation;
import dev.shard.runtime.driver.PoolContext;
import dev.shard.runtime.driver.PoolInspector;
import dev.shard.runtime.driver.RunDriver;
import dev.shard.runtime.driver.RunOutcome;
import dev.shard.runtime.exec.ApplyKernel;
import dev.shard.runtime.supervise.SystemMemory;
import dev.shard.runtime.exec.ItemsKernel;
import dev.shard.runtime.exec.ListKernel;
import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.runtime.task.ContiguousShards;
import dev.shard.runtime.task.ElementKernel;
import dev.shard.runtime.task.ItemFunction;
import dev.shard.runtime.task.Margin;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.task.VectorKernel;
import dev.shard.runtime.task.WorkerInit;
import dev.shard.storage.SharedReference;
import dev.shard.storage.share.SharedHandle;
import dev.shard.storage.share.SharedMatrix;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A supervised pool of worker JVMs. Workers are started with the driver's classpath and
 * flags and connect back over a unix socket in a private directory; their memory is
 * sampled from /proc and they are recycled at task boundaries when it drifts or passes
 * a limit. A pool is reusable across runs; runs on one pool are sequential.
 * Close it (try-with-resources) to stop its workers.
 */
public final class Pool implements AutoCloseable {
    private static final Duration DEFAULT_STOP = Duration.ofSeconds(5);

    private final DriverConductor conductor;

    private Pool(DriverConductor conductor) {
        this.conductor = conductor;
    }

    /**
     * Starts, on a daemon thread, the one-time set-ups of this JVM's first pool (the first shared
     * segment's native call, the logging back-end, the JDK's unix-socket set-up, the frame
     * buffers), so that they run while the caller is still busy, not between its call to
     * {@link Builder#start()} and the first worker's spawn or on the cores the starting workers
     * need. Call it once, as early as possible, after the logging back-end is configured.
     * Optional: a pool started without it makes them itself.
     */
    public static void prepareInBackground() {
        DriverPreparation.startInBackground();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Pool settings; workers default to the number of cores, retries to 3, the hard limit to a
     * share of the memory this process may use (the container's cgroup limit when there is one,
     * see {@link PoolLimits}); the other limits default to off.
     */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private long memoryLimit;
        private long hardLimit;
        private double driftThreshold;
        private long maxTasksPerWorker;
        private Duration taskTimeout = Duration.ZERO;
        private int maxRetries = 3;
        private Class<? extends WorkerInit> initHook;
        private final List<String> workerJvmOptions = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private java.nio.file.Path aotCache;
        private long workerMaxHeap;
        private String workerMaxHeapSource = "";

        private Builder() {
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        /** Private memory (bytes) above which a worker is recycled at its next task boundary. */
        public Builder memoryLimit(long bytes) {
            this.memoryLimit = bytes;
            return this;
        }

        /** Private memory (bytes) above which a worker is killed at once; its task runs again elsewhere. */
        public Builder hardLimit(long bytes) {
            this.hardLimit = bytes;
            return this;
        }

        /** Recycle when private memory exceeds the worker's warm baseline × (1 + fraction). */
        public Builder driftThreshold(double fraction) {
            this.driftThreshold = fraction;
            return this;
        }

        public Builder maxTasksPerWorker(long tasks) {
            this.maxTasksPerWorker = tasks;
            return this;
        }

        /** A task running longer ends its worker (replaced) and is retried; zero means no timeout. */
        public Builder taskTimeout(Duration timeout) {
            this.taskTimeout = timeout;
            return this;
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public Builder initHook(Class<? extends WorkerInit> hook) {
            this.initHook = hook;
            return this;
        }

        /** Extra JVM options for worker processes (e.g. "-Xmx2g", "-XX:TieredStopAtLevel=1"). */
        public Builder workerJvmOptions(List<String> options) {
            this.workerJvmOptions.addAll(options);
            return this;
        }

        /**
         * Keeps the workers' JDK AOT cache in this file instead of the default one. Workers
         * start from an AOT cache by default whenever the classpath is made of jars (as
         * {@code bin/shard} runs): one file per JDK, classpath and worker options under
         * {@code ${XDG_CACHE_HOME:-~/.cache}/shard/aot} ({@code -Dshard.aot.dir=...} moves it,
         * {@code -Dshard.aot=false} switches it off). When the file is missing, one worker
         * records its profile as it exits and a process of its own makes the cache from it
         * afterwards, which nobody waits for ({@code -Dshard.aot.await=true}: a later pool of
         * this JVM waits for it); a file the JVM refuses is removed and recorded again, never
         * failing a start.
         */
        public Builder aotCache(java.nio.file.Path file) {
            this.aotCache = file;
            return this;
        }

        /**
         * Bounds each worker JVM's heap (-Xmx) to {@code bytes}, unless the worker options or
         * {@code JAVA_TOOL_OPTIONS} set a maximum heap themselves; replacements and recycled
         * workers start with the same bound. {@code source} says where the figure came from (a
         * session's memory budget): a worker that runs out of heap fails its shard with it and
         * the way to raise it. 0 leaves the JVM's default (a quarter of the machine's memory).
         * The workers' AOT cache does not depend on it.
         */
        public Builder workerMaxHeap(long bytes, String source) {
            if (bytes < 0) {
                throw new IllegalArgumentException("a worker's maximum heap must be ≥ 0 bytes (0: the JVM's default),"
                        + " got " + bytes);
            }
            this.workerMaxHeap = bytes;
            this.workerMaxHeapSource = source == null ? "" : source;
            return this;
        }

        /** How long {@link #start()} waits for workers to connect. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the workers and returns once all are connected. */
        public Pool start() {
            return new Pool(DriverConductor.start(context()));
        }

        /**
         * Spawns the workers and returns at once, so they start while the caller prepares
         * its inputs or plan; the first call that needs them (a run, {@link #status()})
         * waits until all are connected, and throws there if they could not start. The
         * report's pool start is still spawn to all connected.
         */
        public Pool startAsync() {
            return new Pool(DriverConductor.launch(context()));
        }

        private PoolContext context() {
            PoolLimits limits = PoolLimits.of(memoryLimit, hardLimit, workers, SystemMemory.detect());
            return new PoolContext(workers, memoryLimit, limits.hardLimit(), driftThreshold, maxTasksPerWorker,
                    taskTimeout, maxRetries, initHook, workerJvmOptions, startTimeout, aotCache, limits.source(),
                    workerMaxHeap, workerMaxHeapSource);
        }
    }

    /** Waits for the workers of a pool started with {@link Builder#startAsync()}; at once otherwise. */
    public Pool awaitStarted() {
        conductor.awaitStarted();
        return this;
    }

    /**
     * True once the start of a pool from {@link Builder#startAsync()} has ended (every
     * worker connected, or the start failed): {@link #awaitStarted()} would not wait. The
     * caller can do its own share of the work until then.
     */
    public boolean startEnded() {
        return conductor.startEnded();
    }

    public PoolStatus status() {
        conductor.awaitStarted();
        return PoolInspector.status(conductor, false);
    }

    /** Status after replacing dead workers and recycling idle ones over their limits. */
    public PoolStatus healthCheck() {
        conductor.awaitStarted();
        return PoolInspector.status(conductor, true);
    }

    /** Asks workers to finish, waits up to {@code timeout}, then kills the rest. */
    public void stop(Duration timeout) {
        conductor.stop(timeout);
    }

    @Override
    public void close() {
        stop(DEFAULT_STOP);
    }

    /**
     * Runs {@code kernel} once per shard on the workers and waits for the end. The kernel,
     * shard layout and references are sent once per worker; each task message carries
     * only shard ids. Results come back in shard order.
     */
    public <R extends Serializable> Run<R> shardMap(Shards shards, ShardKernel<R> kernel, RunOptions options) {
        if (shards == null || kernel == null || options == null) {
            throw new IllegalArgumentException("shardMap needs shards, a kernel and options (RunOptions.none())");
        }
        byte[] descriptor;
        try {
            descriptor = ValueCodec.encode(new RunDescriptor(kernel, shards, options.inputs(), options.outputs(),
                    options.seed()));
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("cannot send the kernel " + kernel.getClass().getName()
                    + " to workers: " + e.getMessage() + " (a lambda must capture only serializable values)", e);
        }
        conductor.awaitStarted();
        RunOutcome outcome = RunDriver.execute(conductor, descriptor, shards.count(), id -> shards.get(id).size());
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) (List<?>) outcome.results();
        return new Run<>(results, outcome.failures(), outcome.runError(), outcome.report());
    }

    /** Maps every shard, then folds the partial results into {@code init} in shard order. */
    public <R extends Serializable, A extends Serializable> ReduceRun<A> reduce(Shards shards, ShardKernel<R> map,
            Combiner<A, R> combine, A init, RunOptions options) {
        Run<R> run = shardMap(shards, map, options);
        A value = init;
        if (run.succeeded()) {
            for (R partial : run.results()) {
                value = combine.combine(value, partial);
            }
        }
        return new ReduceRun<>(value, run);
    }

    /** The input name a matrix takes in {@link #apply}; side variables must not use it. */
    public static final String APPLY_MATRIX_INPUT = "shard.apply.matrix";
    /** Input names of {@link #lapply} elements: this prefix plus the element's index. */
    public static final String LAPPLY_ELEMENT_PREFIX = "shard.lapply.";

    /**
     * memApply: calls {@code function} once per row or column of a shared matrix, reading
     * it in place, with {@code variables} as shared side inputs. One result per row or
     * column, in order; rows and columns are both right on non-square matrices.
     */
    public <R extends Serializable> Run<R> apply(SharedReference<?> matrix, Margin margin, VectorKernel<R> function,
            Map<String, SharedReference<?>> variables) {
        long[] shape = matrixShape(matrix);
        long count = margin == Margin.ROWS ? shape[0] : shape[1];
        return apply(matrix, margin, function, Shards.auto(count, workers()), variables);
    }

    /**
     * memApply over a layout chosen by the caller (a planner's): {@code shards} must cover
     * exactly the matrix's rows or columns, each item one call; results are in item order.
     */
    public <R extends Serializable> Run<R> apply(SharedReference<?> matrix, Margin margin, VectorKernel<R> function,
            Shards shards, Map<String, SharedReference<?>> variables) {
        long[] shape = matrixShape(matrix);
        long count = margin == Margin.ROWS ? shape[0] : shape[1];
        if (!(shards instanceof ContiguousShards contiguous) || contiguous.items() != count) {
            throw new IllegalArgumentException("an apply over the " + margin.name().toLowerCase(Locale.ROOT)
                    + " of a " + shape[0] + " × " + shape[1] + " matrix needs contiguous shards of its " + count
                    + " items, got " + shards);
        }
        RunOptions options = withVariables(variables, APPLY_MATRIX_INPUT).withInput(APPLY_MATRIX_INPUT, matrix);
        return Run.flatten(shardMap(shards, new ApplyKernel<>(APPLY_MATRIX_INPUT, margin, function), options));
    }

    /** memLapply: calls {@code function} once per shared element of {@code list}; results in list order. */
    public <R extends Serializable> Run<R> lapply(List<? extends SharedReference<?>> list, ElementKernel<R> function,
            Map<String, SharedReference<?>> variables) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("lapply needs at least one element");
        }
        RunOptions options = withVariables(variables, LAPPLY_ELEMENT_PREFIX);
        for (int index = 0; index < list.size(); index++) {
            options = options.withInput(LAPPLY_ELEMENT_PREFIX + index, list.get(index));
        }
        return Run.flatten(shardMap(Shards.auto(list.size(), workers()), new ListKernel<>(LAPPLY_ELEMENT_PREFIX,
                function), options));
    }

    /** pool_lapply: {@code function} over serializable items, grouped into balanced shards; results in order. */
    public <T extends Serializable, R extends Serializable> Run<R> poolLapply(List<T> items,
            ItemFunction<T, R> function) {
        requireItems(items);
        return Run.flatten(shardMap(Shards.auto(items.size(), workers()), new ItemsKernel<>(items, function),
                RunOptions.none()));
    }

    /** pool_sapply: like {@link #poolLapply} for numbers, simplified to an array; throws if any item failed. */
    public <T extends Serializable> double[] poolSapply(List<T> items, ItemFunction<T, Double> function) {
        List<Double> values = poolLapply(items, function).results();
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    /** dispatch_chunks: one supervised task per chunk (retried, recycled like any shard); results in order. */
    public <T extends Serializable, R extends Serializable> Run<R> dispatchChunks(List<T> chunks,
            ItemFunction<T, R> function) {
        requireItems(chunks);
        return Run.flatten(shardMap(Shards.contiguous(chunks.size(), 1), new ItemsKernel<>(chunks, function),
                RunOptions.none()));
    }

    private int workers() {
        return status().workers().size();
    }

    private static void requireItems(List<?> items) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("needs at least one item");
        }
    }

    private static RunOptions withVariables(Map<String, SharedReference<?>> variables, String reserved) {
        RunOptions options = RunOptions.none();
        for (Map.Entry<String, SharedReference<?>> variable : variables.entrySet()) {
            if (variable.getKey().startsWith(reserved)) {
                throw new IllegalArgumentException("variable name '" + variable.getKey() + "' is reserved (it starts"
                        + " with '" + reserved + "'): rename the variable");
            }
            options = options.withInput(variable.getKey(), variable.getValue());
        }
        return options;
    }

    private static long[] matrixShape(SharedReference<?> matrix) {
        if (matrix instanceof SharedHandle handle) {
            if (!handle.isMatrix()) {
                throw new IllegalArgumentException("apply needs a matrix, but " + handle.describe()
                        + " is a vector (share it with Shared.shareMatrix, or use lapply)");
            }
            return handle.shape();
        }
        try (AutoCloseable opened = matrix.open()) {
            if (opened instanceof SharedMatrix shared) {
                return new long[] {shared.rows(), shared.columns()};
            }
            throw new IllegalArgumentException("apply needs a shared matrix, but " + matrix.describe() + " opens as "
                    + opened.getClass().getName());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot open " + matrix.describe() + ": " + e.getMessage(), e);
        }
    }
}
