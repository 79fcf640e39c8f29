package dev.shard.planner.physical;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.List;

/** What a stage's workers produce from each shard. */
public sealed interface SinkExec extends Serializable {
    Schema input();

    /** Declared to the tuner; see OperatorCost. */
    OperatorCost cost();

    /**
     * Per-block partial aggregates (see BlockPartial), merged in block order: sent back to
     * the driver ({@code partitions} 0), or, when they would be too many for the driver
     * (see AggregateMerge), split by key hash into {@code partitions} sections of one
     * partial file per shard, merged in the workers one partition per shard. A shard keeps
     * its blocks' partials until it ends: one state per group and block, so what it holds
     * grows with {@code groupFraction}, the share of a block's rows that start a group of
     * their own, known when the keys' values are bounded by the data (see GroupEstimate);
     * 0 when they are not (only the few-groups amplification is declared then, as before the
     * measurement: a key with no known bound may still be a group per row, up to 19×).
     * {@code blockRows} is the stage's block (see StageSizing#aggregateBlockRows).
     */
    record PartialAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input, int partitions,
            double groupFraction, long blockRows) implements SinkExec {
        /**
         * Measured (bench/operator-memory.sh, 2026-12-02): 0.4× with 1,000 groups, 18–19× when
         * nearly every row of a block is a group of its own (a partial state per row, and the
         * JVM's garbage until the next collection).
         */
        static final double FEW_GROUPS_AMPLIFICATION = 0.5;
        static final double PER_GROUP_AMPLIFICATION = 18.5;

        public PartialAggregateExec {
            keys = List.copyOf(keys);
            aggregates = List.copyOf(aggregates);
            if (partitions < 0 || (partitions > 0 && keys.isEmpty())) {
                throw new IllegalArgumentException("a partitioned merge needs group keys and ≥ 1 partition, got "
                        + partitions + " partitions over keys " + keys);
            }
            if (!(groupFraction >= 0 && groupFraction <= 1)) {
                throw new IllegalArgumentException("the share of a block's rows that are groups is in [0, 1], got "
                        + groupFraction);
            }
            if (blockRows <= 0 || blockRows % StageSizing.BLOCK_ROWS != 0) {
                throw new IllegalArgumentException("an aggregation block is a positive multiple of "
                        + StageSizing.BLOCK_ROWS + " rows, got " + blockRows);
            }
        }

        /** Partials per {@link StageSizing#BLOCK_ROWS}-row block. */
        public PartialAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input, int partitions,
                double groupFraction) {
            this(keys, aggregates, input, partitions, groupFraction, StageSizing.BLOCK_ROWS);
        }

        /** Nothing known about the groups. */
        public PartialAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input, int partitions) {
            this(keys, aggregates, input, partitions, 0);
        }

        /** Partials merged on the driver. */
        public PartialAggregateExec(List<String> keys, List<AggregateCall> aggregates, Schema input) {
            this(keys, aggregates, input, 0);
        }

        /** The share of a block's rows that start a group, at most {@code groups} groups in {@code rows} rows. */
        public static double groupFraction(long groups, long rows, long blockRows) {
            long perBlock = Math.max(1, Math.min(rows, blockRows));
            return Math.min(1.0, Math.min(groups, perBlock) / (double) perBlock);
        }

        public boolean partitioned() {
            return partitions > 0;
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(FEW_GROUPS_AMPLIFICATION + PER_GROUP_AMPLIFICATION * groupFraction,
                    3.0 + 2.0 * aggregates.size());
        }
    }

    /**
     * The shard's rows, in order, written as an Arrow IPC file into the stage directory a
     * slice of {@link #SLICE_ROWS} rows at a time (one record batch each): a worker holds one
     * slice, not the shard's rows.
     */
    record CollectRowsExec(Schema input) implements SinkExec {
        /** Rows per record batch of a stage file written as it goes (the join step's too). */
        public static final int SLICE_ROWS = 1 << 16;

        /**
         * What rows held for writing take per byte of their values: 6.6–7.2× measured when a
         * shard's rows were all collected before the write (bench/operator-memory.sh,
         * 2026-12-02): the growing columns' outgrown arrays, the trimmed copy and the Arrow
         * buffers alive together. Now that holds for one slice only.
         */
        public static final double COLLECTED_AMPLIFICATION = 7.5;

        /**
         * Per byte of the shard: the slice is fixed, so this falls as shards grow (measured
         * 0.61× of a 16 MiB shard, 0.22× of a 64 MiB one: 10–14 MiB whatever the shard,
         * bench/operator-memory.sh 2026-12-02 after the change); 1× covers shards down to a
         * few MiB, where the slice is the whole shard.
         */
        static final double AMPLIFICATION = 1.0;

        /** A slice's private bytes while it is converted and written. */
        public static long sliceBytes(Schema rows) {
            return (long) Math.ceil(SLICE_ROWS * (double) rows.estimatedBytesPerRow() * COLLECTED_AMPLIFICATION);
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(AMPLIFICATION, 2.0 * Math.max(1, input.size()));
        }
    }

    /**
     * The shard's rows stably sorted by {@code keys} (nulls last) and cut to the first
     * {@code limit} (−1: all), written as one file once sorted; the driver merges the
     * sorted shard files in order. With no keys it keeps the shard's first {@code limit}
     * rows: a limit pushed into every shard. The sort adds a permutation and the sorted
     * copy to the collected rows.
     */
    record SortedRowsExec(Schema input, List<SortKey> keys, long limit) implements SinkExec {
        public SortedRowsExec {
            keys = List.copyOf(keys);
        }

        /**
         * Measured with a key (bench/operator-memory.sh, 2026-12-02): 12.4–13.4× with a boxed
         * permutation, 9.7–10.1× since the shard sort is a merge sort over int row numbers
         * (10.3–10.7× with the workers' heap kept tight: live data, as for collect); 2026-12-03,
         * by one DOUBLE key, 10.3–10.6× before and 10.6–12.5× (two runs, the large shard alone
         * and the slope) since a one-number-key sort holds each row's key as a long
         * (bench/results/2026-12-03-operator-memory.md).
         */
        static final double SORT_AMPLIFICATION = 12.5;

        /** Without keys it writes the shard's first rows as they come, like CollectRowsExec, and stops. */
        @Override
        public OperatorCost cost() {
            return new OperatorCost(keys.isEmpty() ? CollectRowsExec.AMPLIFICATION : SORT_AMPLIFICATION,
                    (keys.isEmpty() ? 2.0 : 30.0) + 2.0 * Math.max(1, input.size()));
        }
    }

    /**
     * One side of a partitioned join leaving its stage: the shard's rows split by the hash
     * of {@code keys} (compared as {@code compareAs}, the widened key types, so that both
     * sides agree) into {@code partitions} parts, written as one Arrow IPC file whose record
     * batch p is partition p, rows in shard order. The probe side's rows also carry where
     * they came from ({@link #PROBE_ROW}, {@link #PROBE_POSITION}), so that the join's
     * output can be put back in probe order.
     */
    record PartitionRowsExec(Schema input, List<String> keys, List<DataType> compareAs, int partitions,
            JoinSide side) implements SinkExec {
        /** The first source row of the batch a probe row came from: its determinism block. */
        public static final String PROBE_ROW = "__probe_row";
        /** The probe row's position in its shard's output: orders rows of one batch. */
        public static final String PROBE_POSITION = "__probe_position";

        public PartitionRowsExec {
            keys = List.copyOf(keys);
            compareAs = List.copyOf(compareAs);
            if (partitions < 1) {
                throw new IllegalArgumentException("a partitioned join needs at least one partition, got "
                        + partitions);
            }
        }

        /** The columns of the partition file: the rows, and on the probe side their origin. */
        public Schema fileSchema() {
            return side == JoinSide.BUILD ? input : probeFile(input);
        }

        /** The probe side's partition file over rows of {@code input}: the rows and their origin. */
        static Schema probeFile(Schema input) {
            return input.with(List.of(new Field(PROBE_ROW, DataType.INT, false),
                    new Field(PROBE_POSITION, DataType.INT, false)));
        }

        /**
         * The collected rows, the partition numbers and the split copy. Measured 24–29× on the
         * probe side (bench/operator-memory.sh, 2026-12-02, three runs, the same with the
         * workers' heap kept tight: live data).
         */
        static final double AMPLIFICATION = 28.0;

        @Override
        public OperatorCost cost() {
            return new OperatorCost(AMPLIFICATION, 12.0 + 2.0 * Math.max(1, input.size()));
        }
    }

    /** Which side of a partitioned join a partition file holds. */
    enum JoinSide {
        PROBE, BUILD
    }
}
