package dev.shard.bench;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.explain.StageExplanation;
import dev.shard.runtime.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The shard-size tuner against a sweep: W2 and W3 with the shard size pinned
 * ({@code Dataset.shardRows}) at 64K, 256K, 1M and 4M rows and with the tuner's own
 * choice, on 2 workers and on 1, under one memory budget. Sizes are interleaved per round.
 * Each configuration records its median time and the highest measured peak of the run:
 * shared bytes plus the sum of every worker's peak private memory (from the run report).
 */
final class TunerSweep {
    static final long[] PINNED_ROWS = {64L << 10, 256L << 10, 1L << 20, 4L << 20};

    /** One configuration: pinned rows (0 = the tuner), its times, its peak, and the tuner's sizing line. */
    record Point(String workload, int workers, long pinnedRows, Samples samples, long peakBytes, long chosenRows,
            String binding) {
        boolean tuned() {
            return pinnedRows == 0;
        }
    }

    private TunerSweep() {
    }

    static List<Point> run(int workers, long budgetBytes, long rows, int runs, int warmUps) {
        List<Point> points = new ArrayList<>();
        try (Session session = Shard.local().workers(workers).memoryBudget(budgetBytes).open()) {
            points.addAll(sweep("W2", session, rows, runs, warmUps,
                    source -> EngineQueries.groupAggregate(source), EngineQueries.groupAggregateChecksum(),
                    EngineQueries.expectedGroupAggregate(rows), true));
            points.addAll(sweep("W3", session, rows, runs, warmUps,
                    source -> EngineQueries.filterDerive(source), EngineQueries.filterDeriveChecksum(),
                    EngineQueries.expectedFilterDerive(rows), false));
        }
        return points;
    }

    private static List<Point> sweep(String workload, Session session, long rows, int runs, int warmUps,
            Function<Dataset, Dataset> query, ToDoubleFunction<ColumnTable> checksum, double expected,
            boolean groupAggregate) {
        int configurations = PINNED_ROWS.length + 1;
        List<Dataset> queries = new ArrayList<>();
        for (int c = 0; c < configurations; c++) {
            Dataset source = groupAggregate ? EngineQueries.groupAggregateSource(session, rows)
                    : EngineQueries.filterDeriveSource(session, rows);
            queries.add(query.apply(c < PINNED_ROWS.length ? source.shardRows(PINNED_ROWS[c]) : source));
        }
        double[][] times = new double[configurations][runs];
        long[] peaks = new long[configurations];
        StageExplanation[] stages = new StageExplanation[configurations];
        for (int round = -warmUps; round < runs; round++) {
            for (int c = 0; c < configurations; c++) {
                EngineQueries.Timed timed = EngineQueries.run(queries.get(c), checksum, expected,
                        workload + " sweep " + c);
                stages[c] = timed.result().explanation().stages().getFirst();
                if (round >= 0) {
                    times[c][round] = timed.millis();
                    peaks[c] = Math.max(peaks[c], timed.result().report().map(TunerSweep::peakBytes).orElse(0L));
                }
            }
        }
        List<Point> points = new ArrayList<>();
        for (int c = 0; c < configurations; c++) {
            long pinned = c < PINNED_ROWS.length ? PINNED_ROWS[c] : 0;
            String name = String.format(Locale.ROOT, "%s, %d worker%s, %s", workload, session.workers(),
                    session.workers() == 1 ? "" : "s", pinned == 0 ? "tuner (" + rowsLabel(stages[c].shardRows())
                            + ", " + stages[c].bindingConstraint() + ")" : "pinned " + rowsLabel(pinned));
            points.add(new Point(workload, session.workers(), pinned, new Samples(name, "ms", times[c]), peaks[c],
                    stages[c].shardRows(), stages[c].bindingConstraint()));
        }
        return points;
    }

    /** Shared bytes plus the sum of every worker's peak private memory. */
    static long peakBytes(RunReport report) {
        return report.sharedBytes() + report.workers().stream().mapToLong(RunReport.WorkerReport::peakPrivateBytes)
                .sum();
    }

    static String rowsLabel(long rows) {
        if (rows % (1L << 20) == 0) {
            return (rows >> 20) + "M";
        }
        if (rows % (1L << 10) == 0) {
            return (rows >> 10) + "K";
        }
        return Long.toString(rows);
    }
}
