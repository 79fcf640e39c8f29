package dev.shard.bench;

import dev.shard.examples.training.StartupTrainingProgram;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.task.PoolStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The workers' AOT cache the harness's pools start from, in a directory of the harness's own
 * ({@code -Dshard.aot.dir}): the one {@code bench/run.sh} recorded there with the driver's
 * cache, or else one of this class's, set for this JVM and removed at the end. Either way it
 * is recorded before anything is measured, as {@code bin/shard} records a user's: by the
 * {@code startup-training} workload, whose pool's recording worker runs the task path until
 * it is compiled, so its cache holds that path's profiles. The training runs in a JVM of its
 * own, so the harness's driver is not warmed by it: a user's driver is not either.
 *
 * <p>Why the harness used to measure an untrained cache: the pools of one build share one
 * cache file (its name is a hash of the JDK, the jars and the worker options), and the
 * harness's first pool, which runs nothing, recorded it; later pools found it and never
 * recorded again. The cache is recorded as its worker exits (the JDK writes the profile, then a
 * second JVM assembles the cache); this class waits for the file rather than for the pool's
 * close, so a slow assembly under load is waited for instead of taken for a missing cache.
 */
final class WorkerStartupCache implements AutoCloseable {
    private static final String DIRECTORY_PROPERTY = "shard.aot.dir";
    private static final String ENABLED_PROPERTY = "shard.aot";
    private static final long PATIENCE_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long POLL_MILLIS = 200;

    private final Path directory;
    private final String description;
    private final boolean trained;

    private WorkerStartupCache(Path directory, String description, boolean trained) {
        this.directory = directory;
        this.description = description;
        this.trained = trained;
    }

    /** Sets up the cache directory; with {@code trained}, records the cache there and waits for it. */
    static WorkerStartupCache prepare(boolean trained) throws IOException, InterruptedException {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").strip())) {
            return new WorkerStartupCache(null, "none (-Dshard.aot=false)", false);
        }
        String given = System.getProperty(DIRECTORY_PROPERTY);
        if (trained && given != null && !given.isBlank()) {
            Optional<Path> recorded = findCache(Path.of(given));
            if (recorded.isPresent()) {
                // bench/run.sh recorded it with the driver's cache, as bin/shard does; the directory is the script's.
                return new WorkerStartupCache(null, "recorded first by `startup-training` with the driver's cache"
                        + " (bench/run.sh, as bin/shard records a user's): " + recorded.get().getFileName(), true);
            }
        }
        Path directory = Files.createTempDirectory("shard-bench-workers-aot-");
        System.setProperty(DIRECTORY_PROPERTY, directory.toString());
        if (!trained) {
            return new WorkerStartupCache(directory, "recorded by the first pool measured, which runs no task"
                    + " (--untrained-cache)", false);
        }
        long start = System.nanoTime();
        train(directory);
        Path cache = awaitCache(directory, start + PATIENCE_NANOS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT, "bench: workers' AOT cache %s recorded by startup-training in %.1f s%n",
                cache.getFileName(), seconds);
        return new WorkerStartupCache(directory, String.format(Locale.ROOT,
                "recorded first by `startup-training` in a JVM of its own (as bin/shard records a user's), %.1f s",
                seconds), true);
    }

    String description() {
        return description;
    }

    /**
     * Fails unless every worker of {@code pool} started from the recorded cache: a pool that
     * recorded a cache of its own instead (another cache name: other worker options) would
     * measure something else than the table says.
     */
    void requireUsedBy(Pool pool) {
        if (!trained) {
            return;
        }
        List<String> uses = pool.status().workers().stream().map(PoolStatus.WorkerStatus::startupCache).toList();
        if (!uses.stream().allMatch("USED"::equals)) {
            throw new IllegalStateException("the workers did not all start from the AOT cache " + description
                    + ": " + uses + " (USED expected for each)");
        }
    }

    /** Runs the training in a child JVM with this JVM's options and class path. */
    private static void train(Path directory) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-D" + DIRECTORY_PROPERTY + "=")).forEach(command::add);
        command.add("-D" + DIRECTORY_PROPERTY + "=" + directory);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerStartupCache.class.getName());
        System.err.println("bench: recording the workers' AOT cache with startup-training (a JVM of its own)...");
        Process training = new ProcessBuilder(command).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int code = training.waitFor();
        if (code != 0) {
            throw new IllegalStateException("startup-training exited " + code + " while recording the workers' AOT"
                    + " cache; run with --untrained-cache to measure without it");
        }
    }

    private static Path awaitCache(Path directory, long deadline) throws IOException, InterruptedException {
        while (true) {
            Optional<Path> cache = findCache(directory);
            if (cache.isPresent()) {
                return cache.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("startup-training ended but no workers' AOT cache appeared in "
                        + directory + " (see its log above); run with --untrained-cache to measure without it");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static Optional<Path> findCache(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("workers-[0-9a-f]+\\.aot")).findFirst();
        }
    }

    /** The training itself, in the child JVM. */
    public static void main(String[] args) throws Exception {
        int code = new StartupTrainingProgram().run(List.of(), new PrintStream(OutputStream.nullOutputStream()),
                System.err);
        System.exit(code);
    }

    @Override
    public void close() throws IOException {
        if (directory == null) {
            return;
        }
        System.clearProperty(DIRECTORY_PROPERTY);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
