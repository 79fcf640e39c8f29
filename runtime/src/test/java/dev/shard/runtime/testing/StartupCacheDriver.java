package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.segment.StorageContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A driver in its own JVM (run with a jar classpath) that starts {@code pools} pools one
 * after the other and prints, per pool, how each worker used the AOT cache, the workers'
 * command lines and whether any worker log mentions the AOT cache. Pools after the first
 * bound their workers' heap, each to another size (as sessions of other budgets do), so a
 * cache recorded by one is seen to serve the others. Before it ends it waits for every process
 * it started (the cache's assembler too).
 */
public final class StartupCacheDriver {
    private StartupCacheDriver() {
    }

    public static void main(String[] arguments) throws IOException, InterruptedException {
        int pools = Integer.parseInt(arguments[0]);
        for (int index = 1; index <= pools; index++) {
            long maxHeap = index == 1 ? 0 : (64L + 64L * index) << 20;
            try (Pool pool = Pool.builder().workers(2).workerMaxHeap(maxHeap, "pool " + index).start()) {
                List<Integer> ids = pool.shardMap(Shards.contiguous(4, 1), context -> context.workerId(),
                        RunOptions.none()).results();
                PoolStatus status = pool.status();
                System.out.println("pool " + index + " cache: " + status.workers().stream()
                        .map(PoolStatus.WorkerStatus::startupCache).sorted().toList() + " ran " + ids.size());
                for (PoolStatus.WorkerStatus worker : status.workers()) {
                    System.out.println("pool " + index + " command: " + commandLine(worker.pid()));
                }
                System.out.println("pool " + index + " worker logs: " + workerLogs());
            }
        }
        CacheDriverRun.awaitChildren(Duration.ofSeconds(90));
        System.out.println("done");
    }

    /**
     * The process's arguments from /proc/pid/cmdline. Not ProcessHandle.info().arguments():
     * the JDK reads one page of it there and reports no arguments at all for a longer command
     * line, which a worker's classpath of test jars easily is.
     */
    private static List<String> commandLine(long pid) throws IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8);
        List<String> arguments = new ArrayList<>(List.of(raw.split("\u0000")));
        arguments.removeFirst();
        return arguments;
    }

    /** The output of this driver's workers so far, from their logs in the pool directories. */
    private static String workerLogs() throws IOException {
        String prefix = "run-" + ProcessHandle.current().pid() + "-";
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(StorageContext.fromEnvironment().shmRoot(), 3)) {
            for (Path log : files.filter(path -> path.toString().contains(prefix))
                    .filter(path -> path.getFileName().toString().matches("worker-\\d+\\.log")).toList()) {
                text.append(Files.readString(log).replace('\n', '|'));
            }
        }
        return "[" + text + "]";
    }
}
