package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import dev.shard.planner.type.DataType;

/**
 * The partition of a row of either side of a partitioned join: a hash of its key values
 * taken as the widened key type, so an int key and the double key it equals land in the
 * same partition, with −0.0 and 0.0 one key and every NaN one key (as JoinHashTable
 * compares them). The mix differs from JoinHashTable's, so the keys of one partition
 * still spread over that partition's hash slots. Rows with a null key never match; they
 * go to partition 0 (a left join keeps them there, unmatched). A hash aggregation's
 * partitioned merge splits its block partials with the same hash: there a null key is a
 * group of its own, and all its rows meet in partition 0.
 */
final class KeyPartitioner {
    private static final long SEED = 0x243F6A8885A308D3L;
    private final DataType[] compareAs;
    private final int partitions;

    KeyPartitioner(PartitionRowsExec exec) {
        this(exec.compareAs(), exec.partitions());
    }

    /** Keys compared as {@code compareAs} (a hash aggregation's own key types), split into {@code partitions}. */
    KeyPartitioner(java.util.List<DataType> compareAs, int partitions) {
        this.compareAs = compareAs.toArray(DataType[]::new);
        this.partitions = partitions;
    }

    /** The partition of every row of {@code table}, whose key columns are {@code keys}. */
    int[] partitionsOf(ColumnTable table, BatchColumn[] keys) {
        int[] partition = new int[table.rows()];
        for (int row = 0; row < partition.length; row++) {
            partition[row] = partitionOf(keys, row);
        }
        return partition;
    }

    int partitionOf(BatchColumn[] keys, int row) {
        long h = SEED;
        for (int k = 0; k < keys.length; k++) {
            BatchColumn column = keys[k];
            if (column.isNull(row)) {
                return 0;
            }
            long value = switch (compareAs[k]) {
                case INT -> column.longs[row];
                case DOUBLE -> Double.doubleToLongBits(normalized(column.type() == DataType.INT
                        ? (double) column.longs[row] : column.doubles[row]));
                case BOOL -> column.booleans[row] ? 1 : 2;
                case STRING -> column.strings[row].hashCode();
            };
            h = mix(h ^ value);
        }
        return (int) Long.remainderUnsigned(h, partitions);
    }

    /** SplitMix64's finalizer: every input bit moves every output bit. */
    private static long mix(long value) {
        long z = (value + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double normalized(double value) {
        return value == 0.0 ? 0.0 : value;
    }
}
