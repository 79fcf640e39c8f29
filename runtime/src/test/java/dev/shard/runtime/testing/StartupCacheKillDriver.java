package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.Shards;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A driver in its own JVM (jar classpath, {@code -Dshard.aot.dir} set) that kills the recording
 * of the workers' AOT cache mid-way, twice, and prints what each pool's workers did with the
 * cache and what the cache directory held at each step: pool 1's recording worker is killed
 * (SIGKILL) while it writes its AOT configuration; pool 2 records again and its assembler and
 * the JVM creating the cache are killed while the cache is being written; pool 3 records again,
 * pool 4 starts from the cache. Before it ends it waits for every process it started.
 */
public final class StartupCacheKillDriver {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private StartupCacheKillDriver() {
    }

    public static void main(String[] arguments) throws Exception {
        Path directory = Path.of(System.getProperty("shard.aot.dir"));

        AtomicBoolean killedWhileWriting = new AtomicBoolean();
        try (Pool pool = start(1)) {
            long recorder = pidOf(pool, "RECORDING");
            ProcessHandle victim = ProcessHandle.of(recorder).orElseThrow();
            Thread killer = Thread.ofPlatform().start(() -> killedWhileWriting.set(
                    killWhenWriting(directory, file -> file.getFileName().toString().contains(".recording-")
                            && size(file) > 0, victim)));
            pool.close();
            killer.join();
        }
        System.out.println("recorder killed while writing: " + killedWhileWriting.get());
        System.out.println("after the killed recorder: " + listing(directory));

        try (Pool pool = start(2)) {
            pool.close();
            ProcessHandle assembler = assembler().orElseThrow(() -> new IllegalStateException("no assembler started"));
            String temporary = ".assembling-" + assembler.pid();
            // The creating JVM opens its output a second or so after its start and fills it in its last
            // tenth of a second: killed while the file is open, it has written part of it or none.
            boolean killed = killWhenWriting(directory, file -> file.getFileName().toString().endsWith(temporary),
                    assembler);
            System.out.println("assembler killed while writing: " + killed);
        }
        System.out.println("after the killed assembler: " + listing(directory));

        try (Pool pool = start(3)) {
            System.out.println("pool 3 started with: " + listing(directory));
        }
        try (Pool pool = start(4)) {
            System.out.println("pool 4 ended with: " + listing(directory));
        }
        CacheDriverRun.awaitChildren(PATIENCE);
        System.out.println("in the end: " + listing(directory));
        System.out.println("done");
    }

    private static Pool start(int index) {
        Pool pool = Pool.builder().workers(2).start();
        List<Integer> ids = pool.shardMap(Shards.contiguous(4, 1), context -> context.workerId(), RunOptions.none())
                .results();
        System.out.println("pool " + index + " cache: " + pool.status().workers().stream()
                .map(PoolStatus.WorkerStatus::startupCache).sorted().toList() + " ran " + ids.size());
        return pool;
    }

    private static long pidOf(Pool pool, String use) {
        return pool.status().workers().stream().filter(worker -> worker.startupCache().equals(use)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no worker " + use)).pid();
    }

    /**
     * Waits until {@code victim} or its children write a file of {@code directory} ({@code written}
     * says which and how far), then kills the victim and its children at once with SIGKILL. True
     * when they were killed while it was being written.
     */
    private static boolean killWhenWriting(Path directory, Predicate<Path> written, ProcessHandle victim) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && victim.isAlive()) {
            if (listing(directory).stream().map(directory::resolve).anyMatch(written)) {
                List<ProcessHandle> children = victim.descendants().toList();
                boolean killed = victim.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                victim.onExit().join();
                return killed;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<ProcessHandle> assembler() {
        return ProcessHandle.current().children().filter(child -> commandLine(child).contains("StartupCacheAssembler"))
                .findFirst();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> listing(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("(" + e + ")");
        }
    }
}
