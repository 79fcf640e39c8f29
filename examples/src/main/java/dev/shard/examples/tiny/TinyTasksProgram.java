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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/shard example tiny-tasks}: workload W4 on worker processes. Each of N
 * one-item tasks writes 2i into a shared long buffer; the driver prints
 * {@code check=} (the sum of the buffer) and one {@code tasks_per_s=} per run
 * ({@code --runs k}) on stdout, then a summary with recycles on stderr.
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
        try (Pool pool = startPool(options)) {
            Timings.phase("result buffer into shared memory (while workers start)");
            try (TinyTasksBuffer buffer = TinyTasksBuffer.create(options.tasks())) {
                Timings.phase("pool start: waiting for the workers to connect");
                pool.awaitStarted();
                List<TinyTasksOnPool.Computation> computations = new ArrayList<>();
                long check = 0;
                for (int run = 1; run <= options.runs(); run++) {
                    Timings.phase(options.runs() == 1 ? "compute: the shardMap call"
                            : "compute: the shardMap call, run " + run);
                    TinyTasksOnPool.Computation computation = TinyTasksOnPool.compute(pool, buffer,
                            options.taskMicros(), options.leakKibPerTask());
                    ExampleRuns.recordTimings(computation.run());
                    if (run == options.runs()) {
                        Timings.phase("teardown: checks, output, pool and buffer closed");
                        ExampleRuns.writeReport(computation.run(), options.reportJson());
                    }
                    if (!checked(computation, buffer, err)) {
                        return 1;
                    }
                    check = buffer.checksum();
                    computations.add(computation);
                }
                out.println("check=" + check);
                for (TinyTasksOnPool.Computation computation : computations) {
                    out.printf(Locale.ROOT, "tasks_per_s=%.0f%n", computation.tasksPerSecond(options.tasks()));
                }
                out.flush();
                summarize(options, buffer, computations.getLast(), err);
                return 0;
            }
        }
    }

    private static boolean checked(TinyTasksOnPool.Computation computation, TinyTasksBuffer buffer, PrintStream err) {
        if (!computation.run().succeeded()) {
            ExampleRuns.printFailures(TinyTasksOptions.NAME, computation.run(), err);
            return false;
        }
        long missing = buffer.firstMissingTask();
        if (missing >= 0) {
            err.println("tiny-tasks: task " + missing + " reported success but its slot holds "
                    + buffer.elements().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, missing)
                    + " instead of " + 2 * missing);
            return false;
        }
        long returned = computation.run().results().stream().mapToLong(Long::longValue).sum();
        long check = buffer.checksum();
        if (returned != check) {
            err.println("tiny-tasks: the tasks returned a sum of " + returned + " but the buffer sums to " + check);
            return false;
        }
        return true;
    }

    private static void summarize(TinyTasksOptions options, TinyTasksBuffer buffer,
            TinyTasksOnPool.Computation computation, PrintStream err) {
        RunReport report = computation.run().report();
        err.printf(Locale.ROOT, "tiny-tasks: %d tasks on %d workers in %.3f s; %d recycles, %d retries;"
                        + " buffer %s shared%s%n",
                options.tasks(), options.workers(), computation.computeSeconds(), report.recycles().size(),
                report.shards().retries(), ByteSize.format(buffer.sharedBytes()),
                options.runs() == 1 ? "" : " (run " + options.runs() + " of " + options.runs() + ")");
        report.recycles().forEach(recycle -> err.printf(Locale.ROOT,
                "  worker %d recycled (%s) at %.3f s with %s private%n", recycle.worker(), recycle.reason(),
                recycle.atSeconds(), ByteSize.format(recycle.privateBytes())));
    }

    private static Pool startPool(TinyTasksOptions options) {
        Timings.phase("pool start: " + options.workers() + " workers spawned");
        Pool.Builder builder = Pool.builder().workers(options.workers());
        options.memoryLimit().ifPresent(builder::memoryLimit);
        if (options.maxTasksPerWorker() > 0) {
            builder.maxTasksPerWorker(options.maxTasksPerWorker());
        }
        // Returns at once: the workers start while the driver makes the result buffer.
        return builder.startAsync();
    }
}
