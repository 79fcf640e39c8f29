package dev.shard.bench;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dataflow-engine benchmarks, run by {@code bench/engine.sh}: W2 and W3 on the engine
 * against Java loops and DuckDB, the shard-size tuner against a pinned sweep, and a scan of
 * a large Arrow IPC file against a sequential read. Writes a markdown report (default
 * {@code bench/results/<date>-engine.md}).
 *
 * <p>Usage: {@code EngineBenchmarks [--runs n] [--warm-ups n] [--rows N] [--scan-bytes B]
 * [--budget B] [--data-dir dir] [--out file]}
 */
public final class EngineBenchmarks {
    static final int WORKERS = 2;

    /** What to run: sizes in rows and bytes; {@code dataDirectory} holds the Arrow files while they are used. */
    record Options(int runs, int warmUps, int rows, long scanBytes, long budgetBytes, Path dataDirectory) {
        /**
         * Five warm-up rounds by default: with one, the baselines' JIT (the sequential read of the
         * scan benchmark: 1.5-3.5 GB/s after one round, 10.2 GB/s after five) and the workers'
         * were not yet settled, which flattered or hurt ratios depending on who was slower to warm.
         */
        static Options defaults() {
            Path shm = Path.of("/dev/shm");
            Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
            return new Options(5, 5, 20_000_000, 2L << 30, 4L << 30, base.resolve("shard-bench-" + ProcessHandle
                    .current().pid()));
        }
    }

    private EngineBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.defaults();
        Path out = Path.of("bench/results/" + LocalDate.now(ZoneOffset.UTC) + "-engine.md");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> options = withRuns(options, positive("--runs", args[++i]));
                    case "--warm-ups" -> options = new Options(options.runs(), (int) number("--warm-ups", args[++i]),
                            options.rows(), options.scanBytes(), options.budgetBytes(), options.dataDirectory());
                    case "--rows" -> options = new Options(options.runs(), options.warmUps(),
                            positive("--rows", args[++i]), options.scanBytes(), options.budgetBytes(),
                            options.dataDirectory());
                    case "--scan-bytes" -> options = new Options(options.runs(), options.warmUps(), options.rows(),
                            number("--scan-bytes", args[++i]), options.budgetBytes(), options.dataDirectory());
                    case "--budget" -> options = new Options(options.runs(), options.warmUps(), options.rows(),
                            options.scanBytes(), number("--budget", args[++i]), options.dataDirectory());
                    case "--data-dir" -> options = new Options(options.runs(), options.warmUps(), options.rows(),
                            options.scanBytes(), options.budgetBytes(), Path.of(args[++i]).resolve("shard-bench-"
                                    + ProcessHandle.current().pid()));
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("engine bench: " + (e instanceof ArrayIndexOutOfBoundsException
                    ? "an option needs a value" : e.getMessage()) + "; use [--runs n] [--warm-ups n] [--rows N]"
                    + " [--scan-bytes bytes] [--budget bytes] [--data-dir dir] [--out file]");
            System.exit(2);
        }
        String report;
        try (EngineWorkersCache cache = EngineWorkersCache.record(WORKERS, options.budgetBytes(), options.rows(),
                options.dataDirectory().getParent())) {
            report = run(options, cache.describe());
        }
        System.out.println(report);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, report);
        System.err.println("engine bench: wrote " + out);
        System.exit(0);
    }

    /** Runs everything on the workers' cache as found and returns the markdown report. */
    static String run(Options options) throws Exception {
        return run(options, "Workers start from the AOT cache as found (none recorded for this run).");
    }

    /**
     * Runs everything and returns the markdown report, which says {@code workersCache} (the
     * cache the workers started from); removes the data directory afterwards.
     */
    static String run(Options options, String workersCache) throws Exception {
        EngineReport report = new EngineReport(options, workersCache);
        Files.createDirectories(options.dataDirectory());
        try {
            try (Session session = Shard.local().workers(WORKERS).memoryBudget(options.budgetBytes()).open();
                    JavaLoops one = new JavaLoops(1);
                    JavaLoops two = new JavaLoops(2);
                    DuckDbBaseline duckDb = new DuckDbBaseline(2)) {
                report.comparison(progress(EngineComparison.groupAggregate(session, one, two, duckDb,
                        options.dataDirectory(), options.rows(), options.runs(), options.warmUps())));
                duckDb.drop("w2");
                report.comparison(progress(EngineComparison.filterDerive(session, one, two, duckDb,
                        options.dataDirectory(), options.rows(), options.runs(), options.warmUps())));
                duckDb.drop("w3");
                ScanBenchmark.Outcome scan = ScanBenchmark.run(session, options.dataDirectory(),
                        ScanBenchmark.rowsFor(options.scanBytes()), options.runs(), options.warmUps());
                progress(List.of(scan.sequentialRead(), scan.engine()));
                report.scan(scan);
            }
            List<TunerSweep.Point> points = new ArrayList<>();
            for (int workers : new int[] {WORKERS, 1}) {
                List<TunerSweep.Point> sweep = TunerSweep.run(workers, options.budgetBytes(), options.rows(),
                        options.runs(), options.warmUps());
                progress(sweep.stream().map(TunerSweep.Point::samples).toList());
                points.addAll(sweep);
            }
            report.sweep(points);
        } finally {
            try (var files = Files.list(options.dataDirectory())) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(options.dataDirectory());
        }
        return report.render();
    }

    private static EngineComparison.Outcome progress(EngineComparison.Outcome outcome) {
        progress(outcome.samples());
        System.err.print(outcome.breakdown());
        return outcome;
    }

    private static void progress(List<Samples> samples) {
        samples.forEach(s -> System.err.println(s.tableRow()));
    }

    private static Options withRuns(Options options, int runs) {
        return new Options(runs, options.warmUps(), options.rows(), options.scanBytes(), options.budgetBytes(),
                options.dataDirectory());
    }

    private static int positive(String option, String text) {
        long value = number(option, text);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " needs a whole number from 1 to " + Integer.MAX_VALUE
                    + ", got '" + text + "'");
        }
        return (int) value;
    }

    private static long number(String option, String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }
}
