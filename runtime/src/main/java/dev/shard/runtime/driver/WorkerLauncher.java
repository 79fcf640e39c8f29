package dev.shard.runtime.driver;

import dev.shard.runtime.tune.WorkerMemory;
import dev.shard.runtime.worker.WorkerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Starts worker JVMs: the same java, classpath and required flags as the driver, the
 * worker identity on the command line, the run token in the environment (never argv:
 * any local user can read a command line), output to a log file in the private
 * pool directory.
 */
final class WorkerLauncher {
    /** Flags every JVM of ours needs (see STACK.md). */
    static final List<String> REQUIRED_FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
    /**
     * No method of the JDK's class-file generator ({@code jdk.internal.classfile}, which writes
     * the method-handle, proxy and downcall classes a JVM makes at run time) is compiled by C2 on
     * its own: C2 gives up on them at once (a node limit of 1,000, the smallest the JVM's own flag
     * allows), after which C1 compiles them at its full speed (their code inlined into another
     * method's C2 compilation still is compiled by C2). A worker makes most of
     * those classes in a burst when its first query opens an Arrow file (Arrow's schema class
     * builds a Jackson mapper), and that burst had C2 compile the generator's stack-map pass
     * for ~0.44 s on the worker's one C2 thread while the stage's own compilations waited behind
     * it. The first W2 query over an Arrow file on a fresh 2-worker session took 957–1,200 ms
     * with these commands against 1,169–1,231 without (four alternated pairs,
     * bench/results/2026-12-03-warm-up.md). {@code quiet} keeps the JVM from echoing the
     * commands into the worker's log.
     */
    static final List<String> CLASS_FILE_GENERATOR_IN_C1 = List.of("-XX:CompileCommand=quiet",
            "-XX:CompileCommand=MaxNodeLimit,jdk.internal.classfile.*::*,1000");
    /**
     * Worker defaults: the serial collector keeps a small, slowly growing heap (so private
     * memory tracks live data, which drift detection needs) and no GC threads competing
     * for cores; a Java OOM ends the worker so that the pool replaces it.
     */
    static final List<String> WORKER_DEFAULTS = workerDefaults(System.getProperty("os.name", ""));
    /**
     * With a memory limit, the young generation is this fraction of it. Private memory grows
     * in steps of about one young generation (a collection promotes what tasks kept into
     * fresh old-generation pages): the JVM's default on a large machine is ~100 MiB, a third
     * of a 300 MiB limit, which no check between shards can stop in time.
     */
    static final int YOUNG_GENERATION_FRACTION = 16;
    private static final long MIN_YOUNG_GENERATION_MIB = 4;
    /**
     * Without a limit the young generation is still kept small: the JVM's default (~113 MiB
     * on this kind of machine) is touched in full by any worker that allocates that much in
     * total, so every worker's private memory grew by it whatever its tasks kept (measured:
     * 127 MiB per worker over a 2 GiB Arrow scan, 185 vs 108 MiB at the end of the same runs
     * with 16 MiB). Serial minor collections of a mostly-dead 32 MiB cost well under a millisecond.
     */
    static final long DEFAULT_YOUNG_GENERATION_MIB = WorkerMemory.DEFAULT_YOUNG_GENERATION_BYTES >> 20;

    private final String runId;
    private final Path directory;
    private final Path socket;
    private final byte[] token;
    private final PoolContext context;
    private final StartupCache startupCache;
    private final List<String> memoryOptions;
    private final long maxHeap;
    private final String outOfMemoryAdvice;

    WorkerLauncher(String runId, Path directory, Path socket, byte[] token, PoolContext context) {
        this.runId = runId;
        this.directory = directory;
        this.socket = socket;
        this.token = token.clone();
        this.context = context;
        List<String> options = new ArrayList<>(REQUIRED_FLAGS);
        options.addAll(WORKER_DEFAULTS);
        boolean heapSetByUser = WorkerHeapOptions.setByUser(context.workerJvmOptions(), System.getenv());
        this.maxHeap = WorkerHeapOptions.effectiveBound(context.workerMaxHeap(), context.workerJvmOptions(),
                System.getenv());
        this.outOfMemoryAdvice = WorkerHeapOptions.outOfMemoryAdvice(maxHeap, context.workerMaxHeapSource(),
                heapSetByUser);
        List<String> memory = new ArrayList<>(WorkerHeapOptions.options(maxHeap));
        memory.addAll(WorkerHeapOptions.initialOptions(maxHeap, context.workerJvmOptions(), System.getenv()));
        memory.addAll(memoryOptions(context.memoryLimit(), maxHeap, context.workerJvmOptions()));
        this.memoryOptions = List.copyOf(memory);
        options.addAll(memoryOptions);
        options.addAll(context.workerJvmOptions());
        this.startupCache = StartupCache.of(context, System.getProperty("java.class.path"), options);
    }

    /** The workers' maximum heap from the pool's bound (0: the JVM's default or the user's own). */
    long maxHeap() {
        return maxHeap;
    }

    /** Why a worker ran out of heap and how to give it more, for the cause of its death. */
    String outOfMemoryAdvice() {
        return outOfMemoryAdvice;
    }

    /** Called when a worker process has ended: a finished recording goes to the cache's assembler. */
    void exited(int workerId, int exitStatus) {
        startupCache.exited(workerId, exitStatus, logFile(workerId));
    }

    /** Called when a worker has connected: whether it started from the AOT cache. */
    StartupCacheUse connected(int workerId) {
        return startupCache.connected(workerId, startupLog(workerId));
    }

    /** True for the worker recording the AOT cache, whose exit takes longer while the JVM dumps its profile. */
    boolean recordingCache(int workerId) {
        return startupCache.recording(workerId);
    }

    Path startupLog(int workerId) {
        return directory.resolve("worker-" + workerId + ".aot.log");
    }

    Path logFile(int workerId) {
        return directory.resolve("worker-" + workerId + ".log");
    }

    Process launch(int workerId) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(REQUIRED_FLAGS);
        command.addAll(WORKER_DEFAULTS);
        command.addAll(memoryOptions);
        command.addAll(storageProperties(System.getProperties()));
        // Before the user's options, so that their own -Xlog settings win.
        command.addAll(startupCache.options(workerId, startupLog(workerId)));
        command.addAll(context.workerJvmOptions());
        command.add("-D" + WorkerMain.WORKER_PROPERTY + "=" + runId + ":" + workerId);
        command.add("-D" + WorkerMain.SOCKET_PROPERTY + "=" + socket);
        command.add("-D" + WorkerMain.DRIVER_PROPERTY + "=" + ProcessHandle.current().pid());
        if (context.initHook() != null) {
            command.add("-D" + WorkerMain.INIT_PROPERTY + "=" + context.initHook().getName());
        }
        String trace = System.getProperty(WorkerMain.TRACE_PROPERTY, "");
        if (!trace.isBlank()) {
            command.add("-D" + WorkerMain.TRACE_PROPERTY + "=" + trace);
        }
        String timings = System.getProperty(WorkerMain.TIMINGS_PROPERTY, "");
        if (!timings.isBlank()) {
            Instant now = Instant.now();
            command.add("-D" + WorkerMain.TIMINGS_PROPERTY + "=" + timings);
            command.add("-D" + WorkerMain.SPAWNED_PROPERTY + "=" + (now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile(workerId).toFile());
        builder.environment().put(WorkerMain.TOKEN_ENV, HexFormat.of().formatHex(token));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker JVM " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /**
     * On Linux, a worker names the JDK's own selector provider: otherwise its first socket
     * looks for providers on the classpath, which opens every jar (the AOT cache spares the
     * worker opening them for classes), ~30 ms of a worker's start on the pool's critical path.
     * The first metaspace threshold (a size that triggers a collection, not a reservation) is
     * raised above what a worker running dataflow stages loads outside an AOT cache: at the
     * default (~21 MB) the worker recording the cache paused 30-32 ms in a full collection
     * ("Metadata GC Threshold") ~3 s into its session, in the middle of a query, for classes a
     * worker never unloads (`-Xlog:gc`, a fresh cache directory, 2 sessions of each build).
     * The JDK's class-file generator is left to C1 ({@link #CLASS_FILE_GENERATOR_IN_C1}).
     */
    static List<String> workerDefaults(String osName) {
        List<String> defaults = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:MetaspaceSize=64m"));
        defaults.addAll(CLASS_FILE_GENERATOR_IN_C1);
        if (osName.startsWith("Linux")) {
            defaults.add("-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider");
        }
        return List.copyOf(defaults);
    }

    /** The young generation bounded by the memory limit, unless the user sized it. */
    static List<String> memoryOptions(long memoryLimit, List<String> userOptions) {
        return memoryOptions(memoryLimit, 0, userOptions);
    }

    /**
     * The young generation bounded by the memory limit and by the maximum heap (a bounded heap
     * keeps most of itself for the old generation, where shards' arrays live), unless the user
     * sized it.
     */
    static List<String> memoryOptions(long memoryLimit, long maxHeap, List<String> userOptions) {
        boolean sizedByUser = userOptions.stream().anyMatch(option -> option.startsWith("-Xmn")
                || option.startsWith("-XX:NewSize") || option.startsWith("-XX:MaxNewSize")
                || option.startsWith("-XX:NewRatio"));
        if (sizedByUser) {
            return List.of();
        }
        long byHeap = maxHeap > 0 ? WorkerMemory.youngGenerationBytes(maxHeap) >> 20 : Long.MAX_VALUE;
        if (memoryLimit <= 0) {
            return List.of("-Xmn" + Math.min(byHeap, DEFAULT_YOUNG_GENERATION_MIB) + "m");
        }
        long byLimit = Math.max(MIN_YOUNG_GENERATION_MIB, (memoryLimit >> 20) / YOUNG_GENERATION_FRACTION);
        return List.of("-Xmn" + Math.min(byHeap, byLimit) + "m");
    }

    /**
     * The driver's shard.* settings (storage directories and the rest), so workers find the same
     * segments and behave alike: every shard.* system property, whether it came from the command
     * line or was set by the program, except the worker's own ({@code shard.worker...}). Read
     * from the system properties rather than the JVM's input arguments, whose management bean
     * would cost a fresh driver JVM its JMX set-up before the first worker is spawned.
     */
    static List<String> storageProperties(Properties system) {
        List<String> properties = new ArrayList<>();
        for (String key : new TreeSet<>(system.stringPropertyNames())) {
            if (key.startsWith("shard.") && !key.startsWith(WorkerMain.WORKER_PROPERTY)) {
                properties.add("-D" + key + "=" + system.getProperty(key));
            }
        }
        return properties;
    }
}
