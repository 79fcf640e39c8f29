package dev.shard.bench;

import dev.shard.planner.exec.aggregate.BlockPartial;
import dev.shard.planner.exec.aggregate.PartialAggregator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import dev.shard.planner.exec.vector.MaterializedBytes;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * W2's partial aggregation alone (count, sum, mean, min, max of a DOUBLE per INT key of 1,000),
 * on one thread, over batches made once and kept: no generator, no scan, no touch of a mapping,
 * so the CPU time per row is the key grouping and the fold (over rows that stay in the cache). {@code heap} batches hold arrays as a
 * generated source gives them, {@code mapped} ones int32 keys and float64 values in place in
 * native memory as an Arrow scan points them. Every round prints the thread CPU per row and a
 * CRC-32 of the blocks' keys and states, so two builds can be seen to give the same bits. Only
 * the planner's public API is used, so the class runs against an older build's jar too.
 *
 * <p>Usage: {@code AggregateFoldProfile heap|mapped [rounds]}
 */
public final class AggregateFoldProfile {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int KEYS = 1000;
    private static final int BLOCKS = 64;
    private static final int BATCHES_PER_BLOCK = 16;
    /**
     * Blocks of distinct rows, folded over and over: 3 MiB of keys and values, which stay in the
     * last-level cache as a generated batch does, so the figure is not the memory's bandwidth.
     */
    private static final int DISTINCT_BLOCKS = 4;

    private AggregateFoldProfile() {
    }

    public static void main(String[] args) {
        boolean mapped = args.length > 0 && args[0].equals("mapped");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int capacity = ColumnBatch.CAPACITY;
        long rows = (long) BLOCKS * BATCHES_PER_BLOCK * capacity;
        try (Arena arena = Arena.ofConfined()) {
            ColumnBatch[] batches = batches(mapped, arena);
            PartialAggregator aggregator = new PartialAggregator(
                    Schema.of(Field.of("key", DataType.INT), Field.of("value", DataType.DOUBLE)), List.of("key"),
                    List.of(new AggregateCall("count", AggregateFunction.COUNT, null),
                            new AggregateCall("sum", AggregateFunction.SUM, new Column("value")),
                            new AggregateCall("mean", AggregateFunction.MEAN, new Column("value")),
                            new AggregateCall("min", AggregateFunction.MIN, new Column("value")),
                            new AggregateCall("max", AggregateFunction.MAX, new Column("value"))));
            for (int round = 0; round < rounds; round++) {
                CRC32 crc = new CRC32();
                long cpu = THREADS.getCurrentThreadCpuTime();
                long checked = 0;
                for (int block = 0; block < BLOCKS; block++) {
                    for (int b = 0; b < BATCHES_PER_BLOCK; b++) {
                        aggregator.consume(batches[block % DISTINCT_BLOCKS * BATCHES_PER_BLOCK + b]);
                    }
                    BlockPartial partial = aggregator.finishBlock(block);
                    long start = THREADS.getCurrentThreadCpuTime();
                    update(crc, partial);
                    checked += THREADS.getCurrentThreadCpuTime() - start;
                }
                cpu = THREADS.getCurrentThreadCpuTime() - cpu - checked;
                System.out.printf("round %d %s: %.3f ns/row CPU, partials crc %08x%n", round,
                        mapped ? "mapped" : "heap", (double) cpu / rows, crc.getValue());
            }
        }
    }

    /** The batches of the distinct blocks, keys uniform over KEYS and values uniform in [0, 1), from a fixed seed. */
    private static ColumnBatch[] batches(boolean mapped, Arena arena) {
        int capacity = ColumnBatch.CAPACITY;
        ColumnBatch[] batches = new ColumnBatch[DISTINCT_BLOCKS * BATCHES_PER_BLOCK];
        MemorySegment keyData = mapped ? arena.allocate((long) batches.length * capacity * Integer.BYTES, 64) : null;
        MemorySegment valueData = mapped ? arena.allocate((long) batches.length * capacity * Double.BYTES, 64) : null;
        SplittableRandom random = new SplittableRandom(2);
        for (int b = 0; b < batches.length; b++) {
            BatchColumn keys = new BatchColumn(DataType.INT, capacity);
            BatchColumn values = new BatchColumn(DataType.DOUBLE, capacity);
            for (int k = 0; k < capacity; k++) {
                keys.longs[k] = random.nextInt(KEYS);
                values.doubles[k] = random.nextDouble();
                if (mapped) {
                    long row = (long) b * capacity + k;
                    keyData.set(MappedValues.INT, row * Integer.BYTES, (int) keys.longs[k]);
                    valueData.set(MappedValues.DOUBLE, row * Double.BYTES, values.doubles[k]);
                }
            }
            if (mapped) {
                MappedValues mappedKeys = new MappedValues(MappedValues.Width.INT32, new MaterializedBytes());
                mappedKeys.point(keyData, (long) b * capacity, capacity);
                keys.mapTo(mappedKeys);
                MappedValues mappedValues = new MappedValues(MappedValues.Width.FLOAT64, new MaterializedBytes());
                mappedValues.point(valueData, (long) b * capacity, capacity);
                values.mapTo(mappedValues);
            }
            ColumnBatch batch = new ColumnBatch(2);
            batch.setColumn(0, keys);
            batch.setColumn(1, values);
            batch.reset((long) b * capacity, capacity);
            batches[b] = batch;
        }
        return batches;
    }

    private static void update(CRC32 crc, BlockPartial partial) {
        BatchColumn[][] columns = new BatchColumn[partial.states().length + 1][];
        columns[0] = partial.keys();
        System.arraycopy(partial.states(), 0, columns, 1, partial.states().length);
        for (BatchColumn[] group : columns) {
            for (BatchColumn column : group) {
                for (int g = 0; g < partial.groups(); g++) {
                    long bits = column.isNull(g) ? 1L << 52 : switch (column.type()) {
                        case INT -> column.longs[g];
                        case DOUBLE -> Double.doubleToRawLongBits(column.doubles[g]);
                        default -> 0;
                    };
                    crc.update((int) bits);
                    crc.update((int) (bits >>> 32));
                }
            }
        }
    }
}
