package dev.shard.bench;

import dev.shard.dsl.api.MatrixApplyBuilder;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.Margin;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedInput;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The matrix-apply case of {@link OperatorMemory}: {@code apply columns} with a column sum
 * over a shared matrix read in place, calls per shard pinned; a shard's bytes are the columns
 * it reads. Built-in vector functions declare no footprint per call (amplification 0).
 */
final class MatrixApplyMemory {
    static final long ROWS = 1L << 18;
    static final int COLUMNS = 64;

    private MatrixApplyMemory() {
    }

    /** Growth of the worker's private memory (largest over workers) and the shard's bytes, at {@code calls} per shard. */
    record Measured(long shardBytes, double declared, long growthBytes) {
    }

    static Measured measure(int workers, long callsPerShard) {
        double[] cells = new double[Math.toIntExact(ROWS * COLUMNS)];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i % 1_000;
        }
        try (Session session = Shard.local().workers(workers).open();
                SharedInput matrix = Shared.shareMatrix(cells, ROWS, COLUMNS)) {
            apply(session, matrix, 1).run();
            List<Long> before = session.pool().status().workers().stream()
                    .map(PoolStatus.WorkerStatus::currentPrivateBytes).toList();
            MatrixApplyBuilder<Double> measured = apply(session, matrix, callsPerShard);
            Run<Double> run = measured.run();
            run.results();
            RunReport report = run.report();
            long growth = 0;
            for (RunReport.WorkerReport worker : report.workers()) {
                growth = Math.max(growth, worker.peakPrivateBytes() - before.get(worker.id()));
            }
            var plan = measured.plan();
            double declared = (double) plan.apply().footprintBytesPerCall() / (ROWS * Double.BYTES);
            return new Measured(callsPerShard * ROWS * Double.BYTES, declared, growth);
        }
    }

    private static MatrixApplyBuilder<Double> apply(Session session, SharedInput matrix, long callsPerShard) {
        return session.<Double>apply("M", matrix.handle(), Margin.COLUMNS, (column, context) -> {
            double total = 0;
            var values = column.column();
            for (long row = 0; row < values.byteSize() / Double.BYTES; row++) {
                total += values.getAtIndex(ValueLayout.JAVA_DOUBLE, row);
            }
            return total;
        }).describedAs("sum(column)").into("sums").callsPerShard(callsPerShard);
    }
}
