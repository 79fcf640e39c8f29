package dev.shard.bench;

import dev.shard.examples.tiny.TinyTasksBuffer;
import dev.shard.examples.tiny.TinyTasksOnPool;
import dev.shard.examples.workload.TinyTasksWorkload;
import dev.shard.runtime.api.Pool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a fresh pool's tiny-task runs spend their time: runs of {@code tasks} tiny tasks one
 * after another on one new 2-worker pool, each run's wall time printed, and for groups of
 * runs (1, 1, 5, 10, then the rest) the CPU time per run of every thread of the driver and
 * of the workers, by thread name, from {@code /proc/<pid>/task/<tid>/stat} (10 ms ticks:
 * read the first groups' figures as coarse). Shows how much of an early run is the JIT
 * compiling the task path rather than the path itself.
 *
 * <p>Usage: {@code TinyTaskRepeat [runs] [tasks]}, through {@code bench/run.sh}'s jar:
 * {@code java -cp bench/target/benchmarks.jar dev.shard.bench.TinyTaskRepeat 40}
 */
public final class TinyTaskRepeat {
    private static final int WORKERS = 2;
    private static final double MILLIS_PER_TICK = 10;

    private TinyTaskRepeat() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long tasks = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        run(runs, tasks, System.out);
        System.exit(0);
    }

    static void run(int runs, long tasks, PrintStream out) throws Exception {
        try (Pool pool = Pool.builder().workers(WORKERS).start(); TinyTasksBuffer buffer = TinyTasksBuffer.create(tasks)) {
            List<Long> workers = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
            long driver = ProcessHandle.current().pid();
            int done = 0;
            for (int group : new int[] {1, 1, 5, 10, Math.max(0, runs - 17)}) {
                int size = Math.min(group, runs - done);
                if (size <= 0) {
                    break;
                }
                Map<String, Long> driverBefore = threadTicks(driver);
                Map<String, Long> workersBefore = workersTicks(workers);
                StringBuilder walls = new StringBuilder();
                for (int i = 0; i < size; i++) {
                    TinyTasksOnPool.Computation computation = TinyTasksOnPool.compute(pool, buffer, 0, 0);
                    Measure.require(computation.run().succeeded(), "tiny-task run failed: " + computation.run().failures());
                    Measure.require(buffer.checksum() == TinyTasksWorkload.referenceChecksum(tasks), "wrong checksum");
                    walls.append(String.format(Locale.ROOT, " %.1f", computation.computeSeconds() * 1e3));
                }
                out.printf(Locale.ROOT, "runs %d-%d, wall ms:%s%n", done + 1, done + size, walls);
                out.println("  driver CPU ms per run: " + perRun(driverBefore, threadTicks(driver), size));
                out.println("  workers CPU ms per run: " + perRun(workersBefore, workersTicks(workers), size));
                done += size;
            }
        }
    }

    private static Map<String, Long> workersTicks(List<Long> pids) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        for (long pid : pids) {
            threadTicks(pid).forEach((name, value) -> ticks.merge(name, value, Long::sum));
        }
        return ticks;
    }

    /** utime + stime of every thread of {@code pid}, summed by name (numbers at the end dropped). */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[0-9]+$", "").trim();
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        }
        return ticks;
    }

    private static String perRun(Map<String, Long> before, Map<String, Long> after, int runs) {
        StringBuilder text = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long ticks = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            total += ticks;
            if (ticks > 0) {
                text.append(String.format(Locale.ROOT, "%s %.1f, ", entry.getKey(), ticks * MILLIS_PER_TICK / runs));
            }
        }
        return String.format(Locale.ROOT, "total %.1f (%s)", total * MILLIS_PER_TICK / runs,
                text.isEmpty() ? "none" : text.substring(0, text.length() - 2));
    }
}
