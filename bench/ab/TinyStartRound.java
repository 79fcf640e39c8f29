import dev.shard.examples.colcor.ColcorOnPool;
import dev.shard.examples.colcor.ColumnCorrelationData;
import dev.shard.examples.colcor.InProcessColumnCorrelation;
import dev.shard.examples.tiny.TinyTasksBuffer;
import dev.shard.examples.tiny.TinyTasksOnPool;
import dev.shard.examples.training.StartupTrainingProgram;
import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.examples.workload.TinyTasksWorkload;
import dev.shard.runtime.api.Pool;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One measurement of bench/tiny-start-ab.sh, run by the JDK's source launcher against the
 * jar under test ({@code java -cp <jar> bench/ab/TinyStartRound.java ...}), so one program
 * measures every build:
 * <ul>
 * <li>{@code train}: records the workers' AOT cache in {@code -Dshard.aot.dir} with the
 *     workload bin/shard records it with (startup-training), and waits for the file;</li>
 * <li>{@code record-empty}: records it with a pool that runs nothing (the harness's former way);</li>
 * <li>{@code measure [warm-ups] [runs] [tasks]}: a new 2-worker pool, {@code warm-ups} runs of
 *     {@code tasks} tiny tasks, then {@code runs} measured ones; prints one line: each
 *     measured run's tasks/s, and the driver's and the workers' CPU per measured run
 *     ({@code ProcessHandle} totals, 10 ms ticks), and how each worker used the cache;</li>
 * <li>{@code roundtrip [calls]}: one-task calls on a warm pool, median and p90 µs, CPU per call;</li>
 * <li>{@code w1 [warm-ups] [runs]}: W1 against the 2-thread loop ({@code -Dtiny.threads=true} also
 *     prints the driver's CPU per pool call by thread).</li>
 * </ul>
 */
public final class TinyStartRound {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("train")) {
            train();
        } else if (args.length > 0 && args[0].equals("record-empty")) {
            recordEmpty();
        } else if (args.length > 0 && args[0].equals("w1")) {
            colcor(args.length > 1 ? Integer.parseInt(args[1]) : 10, args.length > 2 ? Integer.parseInt(args[2]) : 7);
        } else if (args.length > 0 && args[0].equals("roundtrip")) {
            roundTrip(args.length > 1 ? Integer.parseInt(args[1]) : 2_000);
        } else {
            int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 1;
            int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
            long tasks = args.length > 3 ? Long.parseLong(args[3]) : 10_000;
            measure(warmUps, runs, tasks);
        }
        System.exit(0);
    }

    private static void train() throws Exception {
        Path directory = Path.of(System.getProperty("shard.aot.dir"));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int code = new StartupTrainingProgram().run(List.of(), quiet, System.err);
        if (code != 0) {
            throw new IllegalStateException("startup-training exited " + code);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (caches(directory) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no workers-*.aot in " + directory + " after the training");
            }
            Thread.sleep(200);
        }
        System.out.println("trained: " + Files.list(directory).map(Path::getFileName).map(Path::toString)
                .collect(Collectors.joining(" ")));
    }

    /** The cache as the harness recorded it before: by a pool that starts and stops without a task. */
    private static void recordEmpty() throws Exception {
        Path directory = Path.of(System.getProperty("shard.aot.dir"));
        Pool.builder().workers(2).start().close();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (caches(directory) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no workers-*.aot in " + directory + " after an empty pool");
            }
            Thread.sleep(200);
        }
        System.out.println("recorded by an empty pool");
    }

    private static long caches(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("workers-[0-9a-f]+\\.aot")).count();
        }
    }

    private static void measure(int warmUps, int runs, long tasks) throws Exception {
        try (Pool pool = Pool.builder().workers(2).start(); TinyTasksBuffer buffer = TinyTasksBuffer.create(tasks)) {
            for (int i = 0; i < warmUps; i++) {
                once(pool, buffer, tasks);
            }
            long switchesBefore = workerSwitches();
            long driverBefore = cpuNanos(ProcessHandle.current());
            long workersBefore = ProcessHandle.current().children().mapToLong(TinyStartRound::cpuNanos).sum();
            double[] rates = new double[runs];
            for (int i = 0; i < runs; i++) {
                rates[i] = once(pool, buffer, tasks);
            }
            double driverMillis = (cpuNanos(ProcessHandle.current()) - driverBefore) / 1e6 / runs;
            double workersMillis = (ProcessHandle.current().children().mapToLong(TinyStartRound::cpuNanos).sum()
                    - workersBefore) / 1e6 / runs;
            double switches = (workerSwitches() - switchesBefore) / (double) runs;
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            String caches = pool.status().workers().stream().map(w -> w.startupCache()).collect(Collectors.joining(","));
            System.out.printf(Locale.ROOT, "median_tasks_per_s=%.0f driver_cpu_ms=%.1f workers_cpu_ms=%.1f"
                    + " worker_switches=%.0f cache=%s runs=%s%n",
                    sorted[runs / 2], driverMillis, workersMillis, switches, caches,
                    Arrays.stream(rates).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r)).collect(Collectors.joining(",")));
        }
    }

    /**
     * W1 as bench/run.sh measures it: per round the 2-thread loop in process, then the warm
     * 2-worker pool over the same memory; {@code warmUps} rounds, then {@code runs} measured.
     * Prints the medians, their ratio and the driver's and workers' CPU per pool call.
     */
    private static void colcor(int warmUps, int runs) throws Exception {
        int rows = (int) ColumnCorrelationWorkload.DEFAULT_ROWS;
        int columns = (int) ColumnCorrelationWorkload.DEFAULT_COLUMNS;
        double[] pair = new double[runs];
        double[] pool = new double[runs];
        long driverCpu = 0;
        long workersCpu = 0;
        java.util.Map<String, Long> threadCpu = new java.util.TreeMap<>();
        try (Pool workers = Pool.builder().workers(2).start();
                ColumnCorrelationData data = ColumnCorrelationData.generate(rows, columns);
                InProcessColumnCorrelation twoThreads = new InProcessColumnCorrelation(2)) {
            for (int round = -warmUps; round < runs; round++) {
                data.clearCorrelations();
                long start = System.nanoTime();
                twoThreads.correlate(data.matrixElements(), data.yElements(), data.rows(), data.columns(),
                        data.correlationElements());
                double pairMillis = (System.nanoTime() - start) / 1e6;
                long driverBefore = cpuNanos(ProcessHandle.current());
                long workersBefore = ProcessHandle.current().children().mapToLong(TinyStartRound::cpuNanos).sum();
                java.util.Map<String, Long> threadsBefore = threadTicks();
                ColcorOnPool.Computation computation = ColcorOnPool.compute(workers, data, 2);
                if (!computation.run().succeeded() || data.firstUnwrittenColumn() >= 0) {
                    throw new IllegalStateException("colcor run failed: " + computation.run().failures());
                }
                if (round >= 0) {
                    threadTicks().forEach((name, ticks) -> threadCpu.merge(name, ticks - threadsBefore.getOrDefault(name, 0L),
                            Long::sum));
                    driverCpu += cpuNanos(ProcessHandle.current()) - driverBefore;
                    workersCpu += ProcessHandle.current().children().mapToLong(TinyStartRound::cpuNanos).sum()
                            - workersBefore;
                    pair[round] = pairMillis;
                    pool[round] = computation.computeSeconds() * 1e3;
                }
            }
        }
        Arrays.sort(pair);
        Arrays.sort(pool);
        System.out.printf(Locale.ROOT, "pool_ms=%.2f loop2_ms=%.2f ratio=%.3f driver_cpu_ms=%.2f workers_cpu_ms=%.1f%n",
                pool[runs / 2], pair[runs / 2], pool[runs / 2] / pair[runs / 2], driverCpu / 1e6 / runs,
                workersCpu / 1e6 / runs);
        if (Boolean.getBoolean("tiny.threads")) {
            threadCpu.forEach((name, ticks) -> {
                if (ticks > 0) {
                    System.err.printf(Locale.ROOT, "  driver thread %s: %.1f ms per call%n", name, ticks * 10.0 / runs);
                }
            });
        }
    }

    /** CPU ticks (10 ms) of this process's threads by name (threads of one name summed). */
    private static java.util.Map<String, Long> threadTicks() throws Exception {
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (Exception gone) {
                    // A thread that ended meanwhile.
                }
            }
        }
        return ticks;
    }

    /** Voluntary context switches (a thread that blocked and was woken) of every worker thread. */
    private static long workerSwitches() {
        long total = 0;
        for (ProcessHandle worker : ProcessHandle.current().children().toList()) {
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(worker.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                }
            } catch (Exception e) {
                // A thread that ended between the listing and the read.
            }
        }
        return total;
    }

    /** Median and 90th percentile of {@code calls} one-task calls on a warm pool (500 warm-up calls first). */
    private static void roundTrip(int calls) throws Exception {
        try (Pool pool = Pool.builder().workers(2).start(); TinyTasksBuffer buffer = TinyTasksBuffer.create(1)) {
            for (int i = 0; i < 500; i++) {
                once(pool, buffer, 1);
            }
            long driverBefore = cpuNanos(ProcessHandle.current());
            long workersBefore = ProcessHandle.current().children().mapToLong(TinyStartRound::cpuNanos).sum();
            double[] micros = new double[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                once(pool, buffer, 1);
                micros[i] = (System.nanoTime() - start) / 1e3;
            }
            double driverMicros = (cpuNanos(ProcessHandle.current()) - driverBefore) / 1e3 / calls;
            double workersMicros = (ProcessHandle.current().children().mapToLong(TinyStartRound::cpuNanos).sum()
                    - workersBefore) / 1e3 / calls;
            Arrays.sort(micros);
            System.out.printf(Locale.ROOT, "median_us=%.1f p90_us=%.1f driver_cpu_us=%.1f workers_cpu_us=%.1f%n",
                    micros[calls / 2], micros[calls * 9 / 10], driverMicros, workersMicros);
        }
    }

    private static double once(Pool pool, TinyTasksBuffer buffer, long tasks) {
        TinyTasksOnPool.Computation computation = TinyTasksOnPool.compute(pool, buffer, 0, 0);
        if (!computation.run().succeeded() || buffer.checksum() != TinyTasksWorkload.referenceChecksum(tasks)) {
            throw new IllegalStateException("tiny-task run failed or summed wrong: " + computation.run().failures());
        }
        return computation.tasksPerSecond(tasks);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
