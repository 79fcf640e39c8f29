package dev.shard.examples.tiny;

import dev.shard.examples.options.ExampleOptions;
import dev.shard.examples.options.OptionSpec;
import dev.shard.examples.options.UsageException;
import dev.shard.examples.workload.TinyTasksWorkload;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The tiny-tasks command line.
 *
 * @param tasks             number of tasks (one item each)
 * @param workers           worker processes
 * @param taskMicros        busy-spin per task, in microseconds
 * @param leakKibPerTask    heap each task keeps alive in its worker, in KiB
 * @param memoryLimit       recycle a worker whose private memory passes this, if set
 * @param maxTasksPerWorker recycle a worker after this many tasks (0: never)
 * @param runs              runs of all the tasks on the same pool and buffer, one {@code tasks_per_s=} line each
 * @param reportJson        where to write the (last) run report, if anywhere
 */
public record TinyTasksOptions(long tasks, int workers, long taskMicros, long leakKibPerTask,
        Optional<Long> memoryLimit, long maxTasksPerWorker, int runs, Optional<Path> reportJson) {
    public static final String NAME = "tiny-tasks";
    public static final String DESCRIPTION =
            "W4: many tiny tasks, each writing 2i into a shared buffer; measures dispatch throughput";
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("--tasks", "N", "10000", "number of tasks (default 10000)"),
            new OptionSpec("--workers", "w", "2", "worker processes (default: available cores)"),
            new OptionSpec("--task-micros", "u", "50", "busy-spin per task in microseconds (default 0)"),
            new OptionSpec("--leak-kib-per-task", "k", "64", "heap each task keeps alive, KiB (default 0)"),
            new OptionSpec("--memory-limit", "size", "512MiB", "recycle a worker above this private memory"),
            new OptionSpec("--max-tasks-per-worker", "k", "1000", "recycle a worker after k tasks (default: never)"),
            new OptionSpec("--runs", "k", "3", "run all the tasks k times on the same pool (default 1)"),
            new OptionSpec("--report-json", "file", "tiny-tasks-report.json", "write the last run's report as JSON"));

    /** The shared buffer holds one long per task in one segment; keep it well inside addressable sizes. */
    private static final long MAX_TASKS = 1L << 31;

    public static ExampleOptions parseOptions(List<String> arguments) throws UsageException {
        return ExampleOptions.parse(NAME, SPECS, arguments);
    }

    public static TinyTasksOptions from(ExampleOptions options) throws UsageException {
        long tasks = options.longValue("--tasks", TinyTasksWorkload.DEFAULT_TASKS, 1);
        if (tasks > MAX_TASKS) {
            throw new UsageException("option --tasks needs a whole number from 1 to " + MAX_TASKS
                    + ", got '" + tasks + "' (for example --tasks 10000)");
        }
        int workers = options.intValue("--workers", Runtime.getRuntime().availableProcessors(), 1);
        long micros = options.longValue("--task-micros", 0, 0);
        long leak = options.longValue("--leak-kib-per-task", 0, 0);
        Optional<Long> limit = options.byteSize("--memory-limit");
        long maxTasks = options.longValue("--max-tasks-per-worker", 0, 1);
        int runs = options.intValue("--runs", 1, 1);
        return new TinyTasksOptions(tasks, workers, micros, leak, limit, maxTasks, runs,
                options.path("--report-json"));
    }

    public static String usage() {
        return ExampleOptions.usage(NAME, DESCRIPTION, SPECS);
    }
}
