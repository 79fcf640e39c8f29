package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.PackedPartials;
import java.io.Serializable;

/**
 * What one shard of a stage hands back over the socket: the block partials of an
 * aggregation bound for the driver (in block order, packed: see PackedPartials;
 * {@link PackedPartials#NONE} otherwise), or the committed Arrow file of its rows ({@code null}
 * when it kept none), and the rows that left the source and each pipeline operator
 * ({@code operatorRows[0]} = source), for explain's actuals.
 */
public record StageResult(PackedPartials partials, StageFile file, long[] operatorRows) implements Serializable {
}
