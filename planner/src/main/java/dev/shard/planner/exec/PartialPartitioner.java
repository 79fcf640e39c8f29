package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.BlockPartial;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.type.DataType;
import java.util.List;

/**
 * Splits a block partial by the hash of its group keys (see KeyPartitioner) into one
 * partial per partition, rows kept in order and each row's place in the whole partial
 * remembered, so that partition p's merge folds exactly the rows of its groups, in block
 * order, and can restore the order of first appearance. Every state column holds one row
 * per group except count_distinct's values, which are cut by its per-group counts.
 */
final class PartialPartitioner {
    private final KeyPartitioner partitioner;
    private final boolean[] distinct;
    private final int partitions;

    PartialPartitioner(PartialAggregateExec exec) {
        List<DataType> keyTypes = exec.keys().stream().map(key -> exec.input().require(key, "group").type()).toList();
        this.partitions = exec.partitions();
        this.partitioner = new KeyPartitioner(keyTypes, partitions);
        List<AggregateCall> aggregates = exec.aggregates();
        this.distinct = new boolean[aggregates.size()];
        for (int a = 0; a < distinct.length; a++) {
            distinct[a] = aggregates.get(a).function() == AggregateFunction.COUNT_DISTINCT;
        }
    }

    /** Partition p's share of {@code partial}, or null where it has no group. */
    BlockPartial[] split(BlockPartial partial) {
        int[] partitionOf = new int[partial.groups()];
        int[] sizes = new int[partitions];
        for (int r = 0; r < partitionOf.length; r++) {
            partitionOf[r] = partitioner.partitionOf(partial.keys(), r);
            sizes[partitionOf[r]]++;
        }
        int[][] rows = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            rows[p] = new int[sizes[p]];
        }
        int[] filled = new int[partitions];
        for (int r = 0; r < partitionOf.length; r++) {
            rows[partitionOf[r]][filled[partitionOf[r]]++] = r;
        }
        BlockPartial[] parts = new BlockPartial[partitions];
        for (int p = 0; p < partitions; p++) {
            if (rows[p].length > 0) {
                parts[p] = select(partial, rows[p]);
            }
        }
        return parts;
    }

    private BlockPartial select(BlockPartial partial, int[] rows) {
        BatchColumn[] keys = new BatchColumn[partial.keys().length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = select(partial.keys()[k], rows);
        }
        BatchColumn[][] states = new BatchColumn[partial.states().length][];
        for (int a = 0; a < states.length; a++) {
            states[a] = distinct[a] ? selectDistinct(partial.states()[a], rows) : select(partial.states()[a], rows);
        }
        int[] positions = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            positions[r] = partial.position(rows[r]);
        }
        return new BlockPartial(partial.block(), rows.length, keys, states, positions);
    }

    private static BatchColumn[] select(BatchColumn[] columns, int[] rows) {
        BatchColumn[] selected = new BatchColumn[columns.length];
        for (int c = 0; c < columns.length; c++) {
            selected[c] = select(columns[c], rows);
        }
        return selected;
    }

    private static BatchColumn select(BatchColumn column, int[] rows) {
        BatchColumn selected = new BatchColumn(column.type(), rows.length);
        for (int r = 0; r < rows.length; r++) {
            selected.copyRow(column, rows[r], r);
        }
        return selected;
    }

    /** count_distinct's state: the count of values per group, then every group's values one after another. */
    private static BatchColumn[] selectDistinct(BatchColumn[] state, int[] rows) {
        BatchColumn counts = state[0];
        long[] starts = new long[counts.capacity() + 1];
        for (int g = 0; g < counts.capacity(); g++) {
            starts[g + 1] = starts[g] + counts.longs[g];
        }
        long total = 0;
        for (int row : rows) {
            total += counts.longs[row];
        }
        BatchColumn values = new BatchColumn(state[1].type(), Math.toIntExact(total));
        int at = 0;
        for (int row : rows) {
            for (long v = starts[row]; v < starts[row + 1]; v++) {
                values.copyRow(state[1], (int) v, at++);
            }
        }
        return new BatchColumn[] {select(counts, rows), values};
    }
}
