package dev.shard.examples.colcor;

import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.dsl.cli.Timings;
import dev.shard.examples.ExampleRuns;
import dev.shard.examples.ProgramRunner;
import dev.shard.examples.options.ByteSize;
import dev.shard.runtime.api.Pool;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/shard example colcor}: workload W1 on worker processes. X and y are
 * generated straight into shared segments, workers borrow them read-only and write
 * r[j] into a shared output buffer; the driver prints {@code check=} (the sum of r)
 * and {@code compute_s=} on stdout, then a summary on stderr.
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
        try (ColumnCorrelationData data = generate(options); Pool pool = startPool(options)) {
            double setupSeconds = (System.nanoTime() - start) / 1e9;
            Timings.phase("compute: the shardMap call");
            ColcorOnPool.Computation computation = ColcorOnPool.compute(pool, data, options.workers());
            ExampleRuns.recordTimings(computation.run());
            Timings.phase("teardown: checks, output, pool and data closed");
            ExampleRuns.writeReport(computation.run(), options.reportJson());
            if (!computation.run().succeeded()) {
                ExampleRuns.printFailures(ColcorOptions.NAME, computation.run(), err);
                return 1;
            }
            long computed = computation.run().results().stream().mapToLong(Integer::longValue).sum();
            if (computed != options.columns()) {
                err.println("colcor: the workers computed " + computed + " columns, expected " + options.columns());
                return 1;
            }
            long unwritten = data.firstUnwrittenColumn();
            if (unwritten >= 0) {
                err.println("colcor: the run succeeded but r[" + unwritten + "] was never written");
                return 1;
            }
            out.printf(Locale.ROOT, "check=%.12e%n", data.checksum());
            out.printf(Locale.ROOT, "compute_s=%.6f%n", computation.computeSeconds());
            out.flush();
            err.printf(Locale.ROOT, "colcor: %d x %d doubles (%s shared), %d workers, %d shards;"
                            + " set-up %.3f s, compute %.3f s%n",
                    options.rows(), options.columns(), ByteSize.format(data.sharedBytes()), options.workers(),
                    ColcorOnPool.shards(data, options.workers()).count(), setupSeconds, computation.computeSeconds());
            return 0;
        }
    }

    private static ColumnCorrelationData generate(ColcorOptions options) {
        Timings.phase("data generation: X and y into shared memory");
        return ColumnCorrelationData.generate(options.rows(), options.columns());
    }

    private static Pool startPool(ColcorOptions options) {
        Timings.phase("pool start: " + options.workers() + " workers, spawn to connected");
        Pool.Builder builder = Pool.builder().workers(options.workers());
        if (options.maxTasksPerWorker() > 0) {
            builder.maxTasksPerWorker(options.maxTasksPerWorker());
        }
        return builder.start();
    }
}
