package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.BlockPartial;
import dev.shard.planner.exec.vector.ColumnTable;
import java.io.Serializable;
import java.util.List;

/**
 * What one shard of a stage hands back: the block partials of an aggregation (in block
 * order) or the shard's rows, and the rows that left the source and each pipeline
 * operator ({@code operatorRows[0]} = source), for explain's actuals.
 */
public record StageResult(List<BlockPartial> partials, ColumnTable rows, long[] operatorRows)
        implements Serializable {
    public StageResult {
        partials = List.copyOf(partials);
    }
}
