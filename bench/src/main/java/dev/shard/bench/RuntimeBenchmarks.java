package dev.shard.bench;

import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import dev.shard.runtime.api.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end benchmarks, run by {@code bench/run.sh}: pool start-up, tiny-task
 * throughput (10,000 and 1,000,000 tasks), per-call round trip, and W1 colcor against
 * in-process loops, each with one warm-up and then {@code --runs} runs (default 5).
 * Prints a markdown table and appends it to {@code --out} (default
 * {@code bench/results/<UTC date>-runtime.md}, so every run's table can be committed and cited).
 * Tiny-task runs and round trips are timed until their results are decoded, and checked.
 *
 * <p>Every pool's workers start from an AOT cache recorded first, in a directory of the
 * harness's own, by the workload {@code bin/shard} records a user's cache with
 * ({@link WorkerStartupCache}), so "right after pool start" means what it means for a user of
 * the build; {@code --untrained-cache} leaves the recording to the first pool measured (one
 * that runs nothing), as the harness did before.
 *
 * <p>Usage: {@code RuntimeBenchmarks [--runs n] [--out file] [--skip-million] [--untrained-cache]}
 */
public final class RuntimeBenchmarks {
    private static final int WORKERS = 2;
    private static final int ROUND_TRIP_CALLS = 2_000;
    private static final double RELATIVE = 1e-9;

    private RuntimeBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path out = Path.of("bench/results", java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "-runtime.md");
        boolean million = true;
        boolean trainedCache = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = parseRuns(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--skip-million" -> million = false;
                    case "--untrained-cache" -> trainedCache = false;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs needs at least 1, got " + runs);
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("bench: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option needs a value"
                    : e.getMessage()) + "; use [--runs n] [--out file] [--skip-million] [--untrained-cache]");
            System.exit(2);
        }
        try (WorkerStartupCache workerCache = WorkerStartupCache.prepare(trainedCache)) {
            run(runs, out, million, workerCache);
        }
        verifyReferenceChecksums();
        System.exit(0);
    }

    private static void run(int runs, Path out, boolean million, WorkerStartupCache workerCache) throws Exception {
        String started = Instant.now().toString();
        String startLoad = Machine.loadAverage();
        List<Samples> results = new ArrayList<>();
        results.add(progress(PoolBenchmarks.poolStart(WORKERS, runs)));
        // The cache is this benchmark's own, so it must not outlive it next to the results.
        Path cacheDirectory = Files.createTempDirectory("shard-bench-aot-");
        try {
            PoolBenchmarks.poolStartWithAotCache(WORKERS, runs, cacheDirectory.resolve("worker-start.aot"))
                    .ifPresent(s -> results.add(progress(s)));
        } finally {
            try (var files = Files.list(cacheDirectory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(cacheDirectory);
        }
        try (Pool pool = Pool.builder().workers(WORKERS).start()) {
            workerCache.requireUsedBy(pool);
            results.add(progress(PoolBenchmarks.tinyTaskThroughput(pool, 10_000, runs)));
            if (million) {
                results.add(progress(PoolBenchmarks.tinyTaskThroughput(pool, 1_000_000, runs)));
            }
            PoolBenchmarks.roundTrip(pool, ROUND_TRIP_CALLS, runs).forEach(s -> results.add(progress(s)));
            ColcorBenchmark.run(pool, runs).forEach(s -> results.add(progress(s)));
        }
        String table = "# Runtime benchmarks, " + started + "\n\nMachine: " + Machine.describe()
                + ". Load average (1, 5, 15 min) at the start: " + startLoad + "; at the end: " + Machine.loadAverage()
                + ".\n" + render(results, workerCache.description());
        System.out.println(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Files.exists(out) ? "\n" + table : table, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static int parseRuns(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--runs needs a whole number, got '" + text + "'");
        }
    }

    private static Samples progress(Samples samples) {
        System.err.println(samples.tableRow());
        return samples;
    }

    private static String render(List<Samples> results, String workerCache) {
        StringBuilder text = new StringBuilder();
        text.append("Workers' AOT cache: ").append(workerCache).append("\n\n");
        text.append(Samples.tableHeader()).append('\n');
        results.forEach(samples -> text.append(samples.tableRow()).append('\n'));
        Samples single = find(results, "1-thread loop");
        Samples pair = find(results, "2-thread loop");
        Samples pool = find(results, "2 workers (pool warm)");
        text.append(String.format(Locale.ROOT, "%ncolcor ratios (median time / median time): pool / 2-thread loop = %.2f,"
                + " pool / 1-thread loop = %.2f, 2-thread / 1-thread = %.2f%n",
                pool.median() / pair.median(), pool.median() / single.median(), pair.median() / single.median()));
        return text.toString();
    }

    private static Samples find(List<Samples> results, String fragment) {
        return results.stream().filter(s -> s.name().contains(fragment)).findFirst().orElseThrow();
    }

    /** W2 and W3 at full size, single-threaded from the generator: the documented checksums. */
    private static void verifyReferenceChecksums() {
        long start = System.nanoTime();
        double groupAggregate = GroupAggregateWorkload.referenceChecksum(GroupAggregateWorkload.DEFAULT_ROWS);
        double filterDerive = FilterDeriveAggregateWorkload.referenceChecksum(FilterDeriveAggregateWorkload.DEFAULT_ROWS);
        Measure.require(Math.abs(groupAggregate / GroupAggregateWorkload.DEFAULT_CHECKSUM - 1) <= RELATIVE,
                "W2 checksum " + groupAggregate);
        Measure.require(Math.abs(filterDerive / FilterDeriveAggregateWorkload.DEFAULT_CHECKSUM - 1) <= RELATIVE,
                "W3 checksum " + filterDerive);
        System.err.printf(Locale.ROOT, "reference checksums: W2 %.12e, W3 %.12e (both as documented; %.1f s)%n",
                groupAggregate, filterDerive, (System.nanoTime() - start) / 1e9);
    }
}
