package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.BlockPartial;
import java.io.Serializable;
import java.util.List;

/**
 * What one shard of a stage hands back over the socket: the block partials of an
 * aggregation (in block order), or the committed Arrow file of its rows ({@code null}
 * when it kept none), and the rows that left the source and each pipeline operator
 * ({@code operatorRows[0]} = source), for explain's actuals.
 */
public record StageResult(List<BlockPartial> partials, StageFile file, long[] operatorRows)
        implements Serializable {
    public StageResult {
        partials = List.copyOf(partials);
    }
}
