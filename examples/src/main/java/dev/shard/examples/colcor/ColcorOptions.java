package dev.shard.examples.colcor;

import dev.shard.examples.options.ExampleOptions;
import dev.shard.examples.options.OptionSpec;
import dev.shard.examples.options.UsageException;
import dev.shard.examples.workload.ColumnCorrelationWorkload;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The colcor command line.
 *
 * @param rows               rows of X (n)
 * @param columns            columns of X (p)
 * @param workers            worker processes
 * @param maxTasksPerWorker  recycle a worker after this many tasks (0: never)
 * @param runs               computations on the same pool and data, one {@code compute_s=} line each
 * @param reportJson         where to write the run report (of the last run), if anywhere
 */
public record ColcorOptions(int rows, int columns, int workers, long maxTasksPerWorker, int runs,
        Optional<Path> reportJson) {
    public static final String NAME = "colcor";
    public static final String DESCRIPTION =
            "W1: correlation of every column of a shared n x p matrix with y, computed by worker processes";
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("--rows", "n", "10000", "rows of X (default 10000)"),
            new OptionSpec("--cols", "p", "2000", "columns of X (default 2000)"),
            new OptionSpec("--workers", "w", "2", "worker processes (default: available cores)"),
            new OptionSpec("--max-tasks-per-worker", "k", "1000", "recycle a worker after k tasks (default: never)"),
            new OptionSpec("--runs", "k", "3", "compute k times on the same pool and data (default 1)"),
            new OptionSpec("--report-json", "file", "colcor-report.json", "write the last run's report as JSON"));

    /** X must fit one segment of doubles addressed by long offsets, with room for the header. */
    private static final long MAX_ELEMENTS = Long.MAX_VALUE / Double.BYTES / 2;

    public static ExampleOptions parseOptions(List<String> arguments) throws UsageException {
        return ExampleOptions.parse(NAME, SPECS, arguments);
    }

    public static ColcorOptions from(ExampleOptions options) throws UsageException {
        int rows = options.intValue("--rows", (int) ColumnCorrelationWorkload.DEFAULT_ROWS, 2);
        int columns = options.intValue("--cols", (int) ColumnCorrelationWorkload.DEFAULT_COLUMNS, 1);
        if ((long) rows * columns > MAX_ELEMENTS) {
            throw new UsageException("--rows " + rows + " x --cols " + columns + " is too large for one matrix");
        }
        int workers = options.intValue("--workers", Runtime.getRuntime().availableProcessors(), 1);
        long maxTasks = options.longValue("--max-tasks-per-worker", 0, 1);
        int runs = options.intValue("--runs", 1, 1);
        return new ColcorOptions(rows, columns, workers, maxTasks, runs, options.path("--report-json"));
    }

    public static String usage() {
        return ExampleOptions.usage(NAME, DESCRIPTION, SPECS);
    }
}
