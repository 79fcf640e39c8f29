package dev.shard.planner.physical;

import java.io.Serializable;

/**
 * What one operator declares to the shard-size tuner.
 *
 * @param amplification private bytes the operator holds per byte of its stage's input
 *                      shard (state that grows with the shard: collected rows, block
 *                      partials, and the garbage the worker's collector keeps until it
 *                      runs, since workers are recycled on RssAnon); streaming operators
 *                      over fixed-size batches hold none. Measured by
 *                      {@code bench/operator-memory.sh}; the values cite its results
 * @param nanosPerRow   estimated compute per input row, for the tuner's overhead floor
 */
public record OperatorCost(double amplification, double nanosPerRow) implements Serializable {
    public OperatorCost {
        if (!(amplification >= 0) || !(nanosPerRow >= 0)) {
            throw new IllegalArgumentException("an operator's amplification and nanos per row must be ≥ 0, got "
                    + amplification + " and " + nanosPerRow);
        }
    }

    /** Operators run in one pass over the same shard: their states coexist and their times add. */
    public OperatorCost plus(OperatorCost other) {
        return new OperatorCost(amplification + other.amplification, nanosPerRow + other.nanosPerRow);
    }
}
