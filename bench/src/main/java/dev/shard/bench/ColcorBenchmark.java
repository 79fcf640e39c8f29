package dev.shard.bench;

import dev.shard.examples.colcor.ColcorOnPool;
import dev.shard.examples.colcor.ColumnCorrelationData;
import dev.shard.examples.colcor.InProcessColumnCorrelation;
import dev.shard.examples.workload.ColumnCorrelationWorkload;
import dev.shard.runtime.api.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * W1 colcor on a warm 2-worker pool against a single-threaded and a 2-thread loop in
 * this process over the same shared memory, measured in the same run, interleaved
 * round by round so that machine noise hits all three alike.
 *
 * <p>"Warm" means the workers' JIT has compiled the kernel too: with one shard of 250
 * columns per task, a worker needs about ten runs to reach its steady state, so all
 * three are warmed up for {@link #WARM_UP_ROUNDS} rounds before measuring.
 */
final class ColcorBenchmark {
    private static final double RELATIVE = 1e-9;
    static final int WARM_UP_ROUNDS = 10;

    private ColcorBenchmark() {
    }

    static List<Samples> run(Pool pool, int runs) throws Exception {
        int rows = (int) ColumnCorrelationWorkload.DEFAULT_ROWS;
        int columns = (int) ColumnCorrelationWorkload.DEFAULT_COLUMNS;
        double[] single = new double[runs];
        double[] pair = new double[runs];
        double[] workers = new double[runs];
        try (ColumnCorrelationData data = ColumnCorrelationData.generate(rows, columns);
                InProcessColumnCorrelation oneThread = new InProcessColumnCorrelation(1);
                InProcessColumnCorrelation twoThreads = new InProcessColumnCorrelation(2)) {
            for (int round = -WARM_UP_ROUNDS; round < runs; round++) {
                double singleMillis = loop(oneThread, data);
                double pairMillis = loop(twoThreads, data);
                ColcorOnPool.Computation computation = ColcorOnPool.compute(pool, data, 2);
                Measure.require(computation.run().succeeded(), "colcor run failed: " + computation.run().failures());
                check(data, "pool");
                if (round >= 0) {
                    single[round] = singleMillis;
                    pair[round] = pairMillis;
                    workers[round] = computation.computeSeconds() * 1e3;
                }
            }
        }
        List<Samples> samples = new ArrayList<>();
        samples.add(new Samples("colcor W1, 1-thread loop in process", "ms", single));
        samples.add(new Samples("colcor W1, 2-thread loop in process", "ms", pair));
        samples.add(new Samples("colcor W1, 2 workers (pool warm)", "ms", workers));
        return samples;
    }

    private static double loop(InProcessColumnCorrelation loop, ColumnCorrelationData data) throws Exception {
        data.clearCorrelations();
        long start = System.nanoTime();
        loop.correlate(data.matrixElements(), data.yElements(), data.rows(), data.columns(),
                data.correlationElements());
        double millis = Measure.millisSince(start);
        check(data, loop.threads() + "-thread loop");
        return millis;
    }

    private static void check(ColumnCorrelationData data, String who) {
        double checksum = data.checksum();
        double expected = ColumnCorrelationWorkload.DEFAULT_CHECKSUM;
        Measure.require(Math.abs(checksum - expected) <= Math.abs(expected) * RELATIVE,
                who + ": checksum " + checksum + " differs from " + expected);
    }
}
