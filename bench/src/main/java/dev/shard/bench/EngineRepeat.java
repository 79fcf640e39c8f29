package dev.shard.bench;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine query (W2 or W3, generated in the workers or scanned from an Arrow IPC file)
 * run again and again on one warm 2-worker session, printing each run's wall time and the
 * worker stage's figures: the loop to attach a profiler to inside the workers ({@code jcmd
 * <worker pid> JFR.start ...}; the workers' pids are printed first, and the run waits
 * {@code pause} seconds after the first query so there is time to attach).
 *
 * <p>With {@code -Dshard.worker.trace=<file>} the workers append each run's steps to that
 * file and each query's bounds on the same clock are printed; {@code bench/trace-stage.py}
 * turns both into a per-worker timeline of the stage.
 *
 * <p>Usage: {@code EngineRepeat [w2|w3] [generated|arrow] [runs] [rows] [pause seconds]}
 */
public final class EngineRepeat {
    private static final String TRACE_PROPERTY = "shard.worker.trace";

    private EngineRepeat() {
    }

    public static void main(String[] args) throws Exception {
        String workload = args.length > 0 ? args[0] : "w2";
        String source = args.length > 1 ? args[1] : "generated";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 20_000_000;
        int pause = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        List<Double> times = run(workload, source, runs, rows, pause, System.out);
        System.out.println(new Samples(workload + " " + source + ", all runs after the first", "ms",
                times.stream().skip(1).mapToDouble(Double::doubleValue).toArray()).tableRow());
    }

    /** Runs the query {@code runs} times, each checked against its checksum; returns the wall times in ms. */
    static List<Double> run(String workload, String source, int runs, int rows, int pause, PrintStream out)
            throws Exception {
        Path directory = Files.createTempDirectory(Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm"
                : System.getProperty("java.io.tmpdir")), "shard-repeat-");
        Path file = directory.resolve(workload + ".arrow");
        try (Session session = Shard.local().workers(EngineBenchmarks.WORKERS).open()) {
            boolean w2 = switch (workload) {
                case "w2" -> true;
                case "w3" -> false;
                default -> throw new IllegalArgumentException("workload must be w2 or w3, got '" + workload + "'");
            };
            Dataset input = switch (source) {
                case "generated" -> w2 ? EngineQueries.groupAggregateSource(session, rows)
                        : EngineQueries.filterDeriveSource(session, rows);
                case "arrow" -> {
                    if (w2) {
                        WorkloadArrays.GroupAggregate.generate(rows).writeArrow(file);
                    } else {
                        WorkloadArrays.FilterDerive.generate(rows).writeArrow(file);
                    }
                    yield EngineQueries.arrowFile(session, file);
                }
                default -> throw new IllegalArgumentException("source must be generated or arrow, got '" + source
                        + "'");
            };
            Dataset query = w2 ? EngineQueries.groupAggregate(input) : EngineQueries.filterDerive(input);
            double expected = w2 ? EngineQueries.expectedGroupAggregate(rows) : EngineQueries.expectedFilterDerive(rows);
            var checksum = w2 ? EngineQueries.groupAggregateChecksum() : EngineQueries.filterDeriveChecksum();
            List<Double> times = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                long began = System.nanoTime();
                EngineQueries.Timed timed = EngineQueries.run(query, checksum, expected, workload + " " + source);
                if (!System.getProperty(TRACE_PROPERTY, "").isBlank()) {
                    // The workers' run trace reads the same clock: the query's bounds place their steps.
                    out.println("query " + run + " nanos " + began + " " + System.nanoTime());
                }
                times.add(timed.millis());
                out.print(EngineComparison.breakdown(workload + " " + source + " run " + run, timed));
                if (run == 0) {
                    out.println("workers: " + ProcessHandle.current().children()
                            .map(child -> Long.toString(child.pid())).toList());
                    Thread.sleep(pause * 1000L);
                }
            }
            return times;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }
}
