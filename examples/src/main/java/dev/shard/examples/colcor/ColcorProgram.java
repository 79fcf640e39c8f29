package dev.shard.examples.colcor;

import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.dsl.cli.Timings;
import dev.shard.examples.ExampleRuns;
import dev.shard.examples.ProgramRunner;
import dev.shard.examples.options.ByteSize;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/shard example colcor}: workload W1 on worker processes. The workers start
 * while the driver sets up the buffers (and makes X's first columns when a core is spare);
 * once connected, they make X straight into the shared segment; they read X and y in place
 * and write r[j] into a shared output buffer. The driver prints {@code check=} (the sum of r) and one {@code compute_s=}
 * per run ({@code --runs k}) on stdout, then a summary on stderr.
 */
public final class ColcorProgram implements ExampleProgram {
    @Override
    public String name() {
        return ColcorOptions.NAME;
    }

    @Override
    public String description() {
        return ColcorOptions.DESCRIPTION;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        return ProgramRunner.run(name(), ColcorOptions.usage(), arguments, ColcorOptions::parseOptions, ColcorOptions::from,
                ColcorProgram::execute, out, err);
    }

    private static int execute(ColcorOptions options, PrintStream out, PrintStream err) throws Exception {
        long start = System.nanoTime();
        // Data that cannot fit is refused before any worker is spawned.
        ColumnCorrelationData.ensureRoom(options.rows(), options.columns());
        try (Pool pool = startPool(options); ColumnCorrelationData data = generate(pool, options)) {
            double setupSeconds = (System.nanoTime() - start) / 1e9;
            List<Double> computeSeconds = new ArrayList<>();
            double checksum = Double.NaN;
            for (int run = 1; run <= options.runs(); run++) {
                Timings.phase(options.runs() == 1 ? "compute: the shardMap call"
                        : "compute: the shardMap call, run " + run);
                ColcorOnPool.Computation computation = ColcorOnPool.compute(pool, data, options.workers());
                ExampleRuns.recordTimings(computation.run());
                if (run == options.runs()) {
                    Timings.phase("teardown: checks, output, pool and data closed");
                    ExampleRuns.recordCpu(pool);
                    ExampleRuns.writeReport(computation.run(), options.reportJson());
                }
                if (!checked(computation, data, options, err)) {
                    return 1;
                }
                double sum = data.checksum();
                // Same data, same shards: every run must give the same bits (determinism).
                if (run > 1 && Double.doubleToLongBits(sum) != Double.doubleToLongBits(checksum)) {
                    err.printf(Locale.ROOT, "colcor: run %d gave check=%.12e, run 1 gave %.12e%n", run, sum, checksum);
                    return 1;
                }
                checksum = sum;
                computeSeconds.add(computation.computeSeconds());
            }
            out.printf(Locale.ROOT, "check=%.12e%n", checksum);
            for (double seconds : computeSeconds) {
                out.printf(Locale.ROOT, "compute_s=%.6f%n", seconds);
            }
            out.flush();
            err.printf(Locale.ROOT, "colcor: %d x %d doubles (%s shared), %d workers, %d shards;"
                            + " set-up %.3f s, compute %.3f s%s%n",
                    options.rows(), options.columns(), ByteSize.format(data.sharedBytes()), options.workers(),
                    ColcorOnPool.shards(data, options.workers()).count(), setupSeconds, computeSeconds.getFirst(),
                    options.runs() == 1 ? "" : " (first of " + options.runs() + " runs)");
            return 0;
        }
    }

    private static boolean checked(ColcorOnPool.Computation computation, ColumnCorrelationData data,
            ColcorOptions options, PrintStream err) {
        if (!computation.run().succeeded()) {
            ExampleRuns.printFailures(ColcorOptions.NAME, computation.run(), err);
            return false;
        }
        long computed = computation.run().results().stream().mapToLong(Integer::longValue).sum();
        if (computed != options.columns()) {
            err.println("colcor: the workers computed " + computed + " columns, expected " + options.columns());
            return false;
        }
        long unwritten = data.firstUnwrittenColumn();
        if (unwritten >= 0) {
            err.println("colcor: the run succeeded but r[" + unwritten + "] was never written");
            return false;
        }
        return true;
    }

    /**
     * y and the buffers are made while the workers start, then X's columns, straight into
     * the shared segment: by the workers once connected and, when the machine has a core
     * the workers leave free, by this thread until then. Without a spare core the driver
     * only waits: its share of X (5-10% of the columns) cost it ~100 ms of CPU, most of it
     * the JIT compiling the generator, on the cores the two starting worker JVMs need
     * (measured: driver 420-490 ms of CPU with it, 340-390 without, the workers' unchanged).
     */
    private static ColumnCorrelationData generate(Pool pool, ColcorOptions options) {
        Timings.phase("data set-up: X, y, r allocated, y filled (driver, while workers start)");
        ColumnCorrelationData data = ColumnCorrelationData.allocate(options.rows(), options.columns());
        try {
            boolean spareCore = options.workers() < Runtime.getRuntime().availableProcessors();
            Timings.phase(spareCore ? "data generation: X by the driver until the workers connect, then by the workers"
                    : "data generation: waiting for the workers to connect, then X by the workers");
            Run<Long> byWorkers = spareCore ? data.generateColumnsWhileStarting(pool) : data.generateColumns(pool);
            if (byWorkers != null) {
                ExampleRuns.recordTimings(byWorkers);
            }
            return data;
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Spawns the workers and returns at once: they start while the data is set up. */
    private static Pool startPool(ColcorOptions options) {
        Timings.phase("pool start: " + options.workers() + " workers spawned");
        Pool.Builder builder = Pool.builder().workers(options.workers());
        if (options.maxTasksPerWorker() > 0) {
            builder.maxTasksPerWorker(options.maxTasksPerWorker());
        }
        return builder.startAsync();
    }
}
