package dev.shard.bench;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The scan section of {@link EngineBenchmarks} alone (the 2 GiB Arrow file scanned, filtered
 * and aggregated on 2 workers against a 1-thread sequential read of the same mapping in a JVM
 * of its own), then
 * W3 on the same warm pool from the generator and from an Arrow file, alternated. For
 * before/after comparisons of the scan path (bench/scan-ab.sh runs it from two jars in turn);
 * it uses only classes the engine benchmarks already had, so an older jar runs it too.
 * <p>Usage: {@code ScanRun [runs] [warm-ups] [scan bytes] [W3 rows]}; data in /dev/shm.
 */
final class ScanRun {
    private ScanRun() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long scanBytes = args.length > 2 ? Long.parseLong(args[2]) : 2L << 30;
        int w3Rows = args.length > 3 ? Integer.parseInt(args[3]) : 20_000_000;
        Path dir = Files.createTempDirectory(Path.of(System.getenv().getOrDefault("SHARD_PROFILE_DIR", "/dev/shm")),
                "scan-run-");
        try (Session session = Shard.local().workers(2).open()) {
            ScanBenchmark.Outcome scan = ScanBenchmark.run(session, dir, ScanBenchmark.rowsFor(scanBytes), runs,
                    warmUps);
            System.out.println(scan.sequentialRead().tableRow());
            System.out.println(scan.engine().tableRow());
            System.out.printf(Locale.ROOT, "scan ratio (median engine / median read in a JVM of its own) %.2f,"
                    + " (median engine / best read) %.2f; worker private growth max %.1f MiB%n", scan.engine().median()
                    / scan.sequentialRead().median(), scan.engine().median() / scan.sequentialRead().max(),
                    scan.maxGrowthBytes() / 1048576.0);
            System.out.println("sequential read: " + scan.readSteadiness().describe());
            System.out.println(cpuLine(scan));
            w3(session, dir, w3Rows, runs, warmUps);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }

    /**
     * Median CPU ns per row of the read (its thread) and of the engine (its workers' processes),
     * and the ratio they imply with both workers on a core of their own: 2 x read CPU / engine CPU.
     */
    private static String cpuLine(ScanBenchmark.Outcome scan) {
        if (scan.engineCpuNanosPerRow().isEmpty()) {
            return "CPU per row: the workers changed in every run, not measured";
        }
        double read = median(scan.readCpuNanosPerRow());
        double engine = median(scan.engineCpuNanosPerRow());
        return String.format(Locale.ROOT, "CPU per row (medians): read %.2f ns (1 thread), engine %.2f ns (%d runs,"
                + " both workers' processes); ratio at one core per worker, 2 x read / engine: %.2f", read, engine,
                scan.engineCpuNanosPerRow().size(), 2 * read / engine);
    }

    private static double median(java.util.List<Double> values) {
        return new Samples("cpu", "ns", values.stream().mapToDouble(Double::doubleValue).toArray()).median();
    }

    private static void w3(Session session, Path dir, int rows, int runs, int warmUps) throws Exception {
        Path file = dir.resolve("w3.arrow");
        WorkloadArrays.FilterDerive.generate(rows).writeArrow(file);
        double expected = EngineQueries.expectedFilterDerive(rows);
        var generated = EngineQueries.filterDerive(EngineQueries.filterDeriveSource(session, rows));
        var arrow = EngineQueries.filterDerive(EngineQueries.arrowFile(session, file));
        double[] generatedMillis = new double[runs];
        double[] arrowMillis = new double[runs];
        for (int round = -warmUps; round < runs; round++) {
            double g = EngineQueries.run(generated, EngineQueries.filterDeriveChecksum(), expected, "W3 generated")
                    .millis();
            double a = EngineQueries.run(arrow, EngineQueries.filterDeriveChecksum(), expected, "W3 Arrow file")
                    .millis();
            if (round >= 0) {
                generatedMillis[round] = g;
                arrowMillis[round] = a;
            }
        }
        System.out.println(new Samples("W3, engine 2 workers, generated in workers", "ms", generatedMillis)
                .tableRow());
        System.out.println(new Samples("W3, engine 2 workers, Arrow IPC file", "ms", arrowMillis).tableRow());
    }
}
