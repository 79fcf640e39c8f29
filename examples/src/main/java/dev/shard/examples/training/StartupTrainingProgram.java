package dev.shard.examples.training;

import dev.shard.dsl.cli.ExampleProgram;
import dev.shard.examples.colcor.ColcorOnPool;
import dev.shard.examples.colcor.ColumnCorrelationData;
import dev.shard.examples.tiny.TinyTasksBuffer;
import dev.shard.examples.tiny.TinyTasksOnPool;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/shard example startup-training}: what {@code bin/driver-aot.sh} runs while the
 * driver's AOT cache is recorded. Its pool is the first of a new build, so one of its workers
 * records the workers' cache too: whatever this pool runs is what every later pool's workers
 * start with. The JDK stores a method's profile and its compilations as they stand when the
 * recording JVM exits (JEP 515), and a fresh JVM compiles from them at once only for methods
 * that reached the optimizing compiler (C2) during the recording. So each workload runs until
 * its hot loop has: the W1 kernel over {@value #COLUMN_RUNS} passes of {@value #COLUMNS}
 * columns of {@value #ROWS} rows (about 2,000 columns per worker; one pass of 2,000 columns
 * is where C2 lands in a pool's first run), and {@value #TINY_RUNS} runs of 10,000 one-item
 * tasks, the dispatch path of both sides. Both on one pool, because only the recording
 * worker's own runs reach the workers' cache.
 */
public final class StartupTrainingProgram implements ExampleProgram {
    public static final String NAME = "startup-training";
    static final int ROWS = 10_000;
    static final int COLUMNS = 400;
    static final int COLUMN_RUNS = 10;
    static final int TINY_TASKS = 10_000;
    static final int TINY_RUNS = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the workload bin/shard records its start-up caches with (W1 and tiny tasks on one pool)";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        if (!arguments.isEmpty()) {
            err.println("startup-training: takes no arguments, got " + arguments
                    + " (it is the fixed workload bin/shard records its start-up caches with)");
            return 2;
        }
        long start = System.nanoTime();
        try (Pool pool = Pool.builder().startAsync();
                ColumnCorrelationData data = ColumnCorrelationData.allocate(ROWS, COLUMNS);
                TinyTasksBuffer buffer = TinyTasksBuffer.create(TINY_TASKS)) {
            // The same generation path as the colcor example: the driver fills X until the workers connect.
            Run<Long> generation = data.generateColumnsWhileStarting(pool);
            if (generation != null) {
                checked("generation of X", generation);
            }
            int workers = pool.status().workers().size();
            for (int run = 0; run < COLUMN_RUNS; run++) {
                checked("colcor", ColcorOnPool.compute(pool, data, workers).run());
                if (data.firstUnwrittenColumn() >= 0) {
                    throw new IllegalStateException("startup-training: colcor left r[" + data.firstUnwrittenColumn()
                            + "] unwritten");
                }
            }
            for (int run = 0; run < TINY_RUNS; run++) {
                checked("tiny tasks", TinyTasksOnPool.compute(pool, buffer, 0, 0).run());
            }
            long expected = (long) TINY_TASKS * (TINY_TASKS - 1);
            if (buffer.checksum() != expected) {
                throw new IllegalStateException("startup-training: tiny tasks summed to " + buffer.checksum()
                        + ", expected " + expected);
            }
            out.printf(Locale.ROOT, "check=%.12e%ntiny_check=%d%n", data.checksum(), buffer.checksum());
            out.flush();
            err.printf(Locale.ROOT, "startup-training: %d colcor runs of %d x %d and %d runs of %d tiny tasks"
                            + " in %.3f s%n", COLUMN_RUNS, ROWS, COLUMNS, TINY_RUNS, TINY_TASKS,
                    (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    private static void checked(String what, Run<?> run) {
        if (!run.succeeded()) {
            throw new IllegalStateException("startup-training: a " + what + " run failed: "
                    + run.failures().getFirst().describe());
        }
    }
}
