package dev.shard.examples.dataflow;

import dev.shard.examples.options.ExampleOptions;
import dev.shard.examples.options.OptionSpec;
import dev.shard.examples.options.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line shared by the dataflow examples (groupagg, filter-agg).
 *
 * @param rows              generated rows
 * @param workers           worker processes
 * @param memoryBudgetBytes the run's memory budget (0: none)
 * @param runs              timed runs on the same warm pool
 */
public record DataflowOptions(long rows, int workers, long memoryBudgetBytes, int runs, Optional<Path> out,
        Optional<Path> explainJson, Optional<Path> reportJson) {
    public static final long DEFAULT_ROWS = 20_000_000;
    /** Rows must stay below 2^32: the generator is defined there. */
    private static final long MAX_ROWS = (1L << 32) - 1;

    public static List<OptionSpec> specs() {
        return List.of(
                new OptionSpec("--rows", "N", "2000000", "rows to generate (default 20000000)"),
                new OptionSpec("--workers", "w", "2", "worker processes (default: available cores)"),
                new OptionSpec("--memory-budget", "B", "4GiB", "the run's memory budget (default: none)"),
                new OptionSpec("--runs", "k", "3", "timed runs on the same warm pool (default 1)"),
                new OptionSpec("--out", "file", "out.csv", "write the aggregated table as CSV, sorted by key"),
                new OptionSpec("--explain-json", "file", "explain.json", "write explain-analyze JSON of the last run"),
                new OptionSpec("--report-json", "file", "report.json", "write the last run's report as JSON"));
    }

    public static DataflowOptions from(ExampleOptions options) throws UsageException {
        long rows = options.longValue("--rows", DEFAULT_ROWS, 1);
        if (rows > MAX_ROWS) {
            throw new UsageException("--rows " + rows + " is above 2^32 - 1, where the generator ends");
        }
        int workers = options.intValue("--workers", Runtime.getRuntime().availableProcessors(), 1);
        long budget = options.byteSize("--memory-budget").orElse(0L);
        int runs = options.intValue("--runs", 1, 1);
        return new DataflowOptions(rows, workers, budget, runs, options.path("--out"), options.path("--explain-json"),
                options.path("--report-json"));
    }
}
