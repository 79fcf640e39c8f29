package dev.shard.bench;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.explain.StageExplanation;
import dev.shard.runtime.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * W2 and W3 on the engine (warm session) against a 1-thread and a 2-thread Java loop over
 * the same data in memory and against DuckDB, interleaved round by round so that machine
 * noise hits all of them alike. The engine runs twice per round: generating the rows in
 * the workers from the row index (no materialized input), and scanning the same rows from
 * an Arrow IPC file written once before timing. Every run is checked against the checksum.
 */
final class EngineComparison {
    /** The five measurements of one workload and where the engine's time went in its last runs. */
    record Outcome(String workload, Samples oneThread, Samples twoThreads, Samples duckDb, Samples engineGenerated,
            Samples engineArrow, String breakdown) {
        List<Samples> samples() {
            return List.of(oneThread, twoThreads, duckDb, engineGenerated, engineArrow);
        }
    }

    private EngineComparison() {
    }

    static Outcome groupAggregate(Session session, JavaLoops one, JavaLoops two, DuckDbBaseline duckDb, Path dir,
            int rows, int runs, int warmUps) throws Exception {
        WorkloadArrays.GroupAggregate data = WorkloadArrays.GroupAggregate.generate(rows);
        Path file = dir.resolve("w2.arrow");
        data.writeArrow(file);
        duckDb.load(data);
        try {
            return measure("W2 groupagg", session, EngineQueries.expectedGroupAggregate(rows), runs, warmUps,
                    () -> one.groupAggregate(data), () -> two.groupAggregate(data), duckDb::groupAggregate,
                    EngineQueries.groupAggregate(EngineQueries.groupAggregateSource(session, rows)),
                    EngineQueries.groupAggregate(EngineQueries.arrowFile(session, file)), EngineQueries.groupAggregateChecksum());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static Outcome filterDerive(Session session, JavaLoops one, JavaLoops two, DuckDbBaseline duckDb, Path dir,
            int rows, int runs, int warmUps) throws Exception {
        WorkloadArrays.FilterDerive data = WorkloadArrays.FilterDerive.generate(rows);
        Path file = dir.resolve("w3.arrow");
        data.writeArrow(file);
        duckDb.load(data);
        try {
            return measure("W3 filter-derive-agg", session, EngineQueries.expectedFilterDerive(rows), runs, warmUps,
                    () -> one.filterDerive(data), () -> two.filterDerive(data), duckDb::filterDerive,
                    EngineQueries.filterDerive(EngineQueries.filterDeriveSource(session, rows)),
                    EngineQueries.filterDerive(EngineQueries.arrowFile(session, file)), EngineQueries.filterDeriveChecksum());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Outcome measure(String workload, Session session, double expected, int runs, int warmUps,
            Callable<Double> oneThread, Callable<Double> twoThreads, Callable<Double> duckDb, Dataset generated,
            Dataset arrow, ToDoubleFunction<ColumnTable> checksum) throws Exception {
        double[][] times = new double[5][runs];
        EngineQueries.Timed lastGenerated = null;
        EngineQueries.Timed lastArrow = null;
        for (int round = -warmUps; round < runs; round++) {
            double[] millis = new double[5];
            millis[0] = timed(oneThread, expected, workload + " 1-thread loop");
            millis[1] = timed(twoThreads, expected, workload + " 2-thread loop");
            millis[2] = timed(duckDb, expected, workload + " DuckDB");
            lastGenerated = EngineQueries.run(generated, checksum, expected, workload + " engine (generated)");
            millis[3] = lastGenerated.millis();
            lastArrow = EngineQueries.run(arrow, checksum, expected, workload + " engine (Arrow file)");
            millis[4] = lastArrow.millis();
            if (round >= 0) {
                for (int m = 0; m < 5; m++) {
                    times[m][round] = millis[m];
                }
            }
        }
        String workers = session.workers() + " workers";
        return new Outcome(workload,
                new Samples(workload + ", 1-thread Java loop", "ms", times[0]),
                new Samples(workload + ", 2-thread Java loop", "ms", times[1]),
                new Samples(workload + ", DuckDB (threads=2)", "ms", times[2]),
                new Samples(workload + ", engine " + workers + ", generated in workers", "ms", times[3]),
                new Samples(workload + ", engine " + workers + ", Arrow IPC file (zero-copy scan)", "ms", times[4]),
                breakdown(workload + " generated", lastGenerated) + breakdown(workload + " Arrow file", lastArrow));
    }

    private static double timed(Callable<Double> contender, double expected, String who) throws Exception {
        long start = System.nanoTime();
        double checksum = contender.call();
        double millis = Measure.millisSince(start);
        EngineQueries.check(checksum, expected, who);
        return millis;
    }

    /** One line of where the last run's time went: the worker stage (run report) and the driver after it. */
    static String breakdown(String label, EngineQueries.Timed timed) {
        Result result = timed.result();
        StageExplanation stage = result.explanation().stages().getFirst();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "- %s, last run: wall %.1f ms; %d shards of %d rows (%s)", label, timed.millis(), stage.shards(),
                stage.shardRows(), stage.bindingConstraint()));
        if (result.report().isPresent()) {
            RunReport report = result.report().get();
            RunReport.Timings t = report.timings();
            line.append(String.format(Locale.ROOT,
                    "; worker stage: compute %.1f ms, total %.1f ms (share %.1f ms); shard p50 %.1f ms, max %.1f ms;"
                            + " tasks per worker %s; driver before and after the stage (plan, merge, sort):"
                            + " %.1f ms",
                    t.computeSeconds() * 1e3, t.totalSeconds() * 1e3, t.shareSeconds() * 1e3,
                    report.shardTimes().p50() * 1e3, report.shardTimes().max() * 1e3,
                    report.workers().stream().map(w -> Long.toString(w.tasks())).toList(),
                    timed.millis() - t.totalSeconds() * 1e3));
        }
        return line.append('\n').toString();
    }
}
