package dev.shard.runtime.driver;

import dev.shard.runtime.worker.WorkerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
     * Worker defaults: the serial collector keeps a small, slowly growing heap (so private
     * memory tracks live data, which drift detection needs) and no GC threads competing
     * for cores; a Java OOM ends the worker so that the pool replaces it.
     */
    static final List<String> WORKER_DEFAULTS = List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    private final String runId;
    private final Path directory;
    private final Path socket;
    private final byte[] token;
    private final PoolContext context;
    private final StartupCache startupCache;

    WorkerLauncher(String runId, Path directory, Path socket, byte[] token, PoolContext context) {
        this.runId = runId;
        this.directory = directory;
        this.socket = socket;
        this.token = token.clone();
        this.context = context;
        List<String> options = new ArrayList<>(REQUIRED_FLAGS);
        options.addAll(WORKER_DEFAULTS);
        options.addAll(context.workerJvmOptions());
        this.startupCache = StartupCache.of(context, System.getProperty("java.class.path"), options);
    }

    /** Called when a worker process has ended: a finished recording becomes the cache. */
    void exited(int workerId, int exitStatus) {
        startupCache.exited(workerId, exitStatus, logFile(workerId));
    }

    /** Called when a worker has connected: whether it started from the AOT cache. */
    StartupCacheUse connected(int workerId) {
        return startupCache.connected(workerId, startupLog(workerId));
    }

    /** True for the worker recording the AOT cache, whose exit takes longer while the JVM writes it. */
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
        command.addAll(storageProperties());
        // Before the user's options, so that their own -Xlog settings win.
        command.addAll(startupCache.options(workerId, startupLog(workerId)));
        command.addAll(context.workerJvmOptions());
        command.add("-D" + WorkerMain.WORKER_PROPERTY + "=" + runId + ":" + workerId);
        command.add("-D" + WorkerMain.SOCKET_PROPERTY + "=" + socket);
        if (context.initHook() != null) {
            command.add("-D" + WorkerMain.INIT_PROPERTY + "=" + context.initHook().getName());
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

    /** Storage directories and other shard.* settings of the driver, so workers find the same segments. */
    private static List<String> storageProperties() {
        List<String> properties = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Dshard.") && !argument.startsWith("-D" + WorkerMain.WORKER_PROPERTY)) {
                properties.add(argument);
            }
        }
        for (String property : List.of("shard.shm.dir", "shard.spill.dir")) {
            String value = System.getProperty(property);
            if (value != null && properties.stream().noneMatch(p -> p.startsWith("-D" + property + "="))) {
                properties.add("-D" + property + "=" + value);
            }
        }
        return properties;
    }
}
