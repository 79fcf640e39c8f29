package dev.shard.planner.explain;

import java.util.List;

/**
 * A stage as explain shows it: its operators (root first, children below), the tuner's
 * choice with the binding constraint and its arithmetic in human units, the estimates
 * and, after a run ({@code actual*} ≥ 0), the actuals. Byte figures are exact here;
 * renderers choose units.
 *
 * @param bindingConstraint one of memory, overhead, balance, pinned
 * @param tunerArithmetic   e.g. {@code shard rows 1.25M ← memory: (4.0 GiB − 1.2 GiB shared − 2 × 42 MiB JVM) / 2 workers / 3.1× amplification; overhead floor 64K; balance ≥ 4 shards/worker}
 * @param actualPeakPrivateBytesPerWorker per worker slot, empty before a run
 */
public record StageExplanation(int id, List<OperatorExplanation> operators, long estimatedRows, long actualRows,
        long bytesPerRow, long shardRows, int shards, int workers, String bindingConstraint, String tunerArithmetic,
        long estimatedPeakPrivateBytesPerWorker, List<Long> actualPeakPrivateBytesPerWorker, double seconds,
        List<String> notes) {
    public StageExplanation {
        operators = List.copyOf(operators);
        actualPeakPrivateBytesPerWorker = List.copyOf(actualPeakPrivateBytesPerWorker);
        notes = List.copyOf(notes);
    }
}
