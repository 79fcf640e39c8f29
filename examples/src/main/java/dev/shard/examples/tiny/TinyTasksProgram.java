package dev.shard.examples.tiny;

import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.dsl.cli.Timings;
import dev.shard.examples.ExampleRuns;
import dev.shard.examples.ProgramRunner;
import dev.shard.examples.options.ByteSize;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.report.RunReport;
import java.io.PrintStream;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/shard example tiny-tasks}: workload W4 on worker processes. Each of N
 * one-item tasks writes 2i into a shared long buffer; the driver prints
 * {@code check=} (the sum of the buffer) and {@code tasks_per_s=} on stdout, then a
 * summary with recycles on stderr.
 */
public final class TinyTasksProgram implements ExampleProgram {
    @Override
    public String name() {
        return TinyTasksOptions.NAME;
    }

    @Override
    public String description() {
        return TinyTasksOptions.DESCRIPTION;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        return ProgramRunner.run(name(), TinyTasksOptions.usage(), arguments, TinyTasksOptions::parseOptions, TinyTasksOptions::from,
                TinyTasksProgram::execute, out, err);
    }

    private static int execute(TinyTasksOptions options, PrintStream out, PrintStream err) throws Exception {
        Timings.phase("result buffer into shared memory");
        try (TinyTasksBuffer buffer = TinyTasksBuffer.create(options.tasks()); Pool pool = startPool(options)) {
            Timings.phase("compute: the shardMap call");
            TinyTasksOnPool.Computation computation = TinyTasksOnPool.compute(pool, buffer, options.taskMicros(),
                    options.leakKibPerTask());
            ExampleRuns.recordTimings(computation.run());
            Timings.phase("teardown: checks, output, pool and buffer closed");
            ExampleRuns.writeReport(computation.run(), options.reportJson());
            if (!computation.run().succeeded()) {
                ExampleRuns.printFailures(TinyTasksOptions.NAME, computation.run(), err);
                return 1;
            }
            long missing = buffer.firstMissingTask();
            if (missing >= 0) {
                err.println("tiny-tasks: task " + missing + " reported success but its slot holds "
                        + buffer.elements().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, missing)
                        + " instead of " + 2 * missing);
                return 1;
            }
            long returned = computation.run().results().stream().mapToLong(Long::longValue).sum();
            long check = buffer.checksum();
            if (returned != check) {
                err.println("tiny-tasks: the tasks returned a sum of " + returned + " but the buffer sums to " + check);
                return 1;
            }
            out.println("check=" + check);
            out.printf(Locale.ROOT, "tasks_per_s=%.0f%n", computation.tasksPerSecond(options.tasks()));
            out.flush();
            RunReport report = computation.run().report();
            err.printf(Locale.ROOT, "tiny-tasks: %d tasks on %d workers in %.3f s; %d recycles, %d retries;"
                            + " buffer %s shared%n",
                    options.tasks(), options.workers(), computation.computeSeconds(), report.recycles().size(),
                    report.shards().retries(), ByteSize.format(buffer.sharedBytes()));
            report.recycles().forEach(recycle -> err.printf(Locale.ROOT,
                    "  worker %d recycled (%s) at %.3f s with %s private%n", recycle.worker(), recycle.reason(),
                    recycle.atSeconds(), ByteSize.format(recycle.privateBytes())));
            return 0;
        }
    }

    private static Pool startPool(TinyTasksOptions options) {
        Timings.phase("pool start: " + options.workers() + " workers, spawn to connected");
        Pool.Builder builder = Pool.builder().workers(options.workers());
        options.memoryLimit().ifPresent(builder::memoryLimit);
        if (options.maxTasksPerWorker() > 0) {
            builder.maxTasksPerWorker(options.maxTasksPerWorker());
        }
        return builder.start();
    }
}
