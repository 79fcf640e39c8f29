package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * W2's aggregates (count, sum, mean, min, max of one DOUBLE per INT key) block by block,
 * the batches of a block switching between keys and values read in place from a mapping
 * (int32 or int64 keys, dense or filtered), heap arrays, and values with nulls (the states'
 * own passes): every block's partial equals a one-row-at-a-time reference, bit for bit,
 * and nothing is copied out of the mapping. Keys sit at the direct range's edges, go
 * negative or beyond it, grow mid-block, or are all equal.
 */
class MappedFoldTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("x", DataType.DOUBLE));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("s", AggregateFunction.SUM, new Column("x")),
            new AggregateCall("m", AggregateFunction.MEAN, new Column("x")),
            new AggregateCall("lo", AggregateFunction.MIN, new Column("x")),
            new AggregateCall("hi", AggregateFunction.MAX, new Column("x")));
    private static final double[] AWKWARD = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5, -1.5};
    private static final long[] EDGES = {0, 1, IntKeyGroups.DIRECT_KEYS - 1, IntKeyGroups.DIRECT_KEYS, -1,
        Integer.MIN_VALUE, Integer.MAX_VALUE, 1023, 1024};

    /** How a test's keys are drawn. */
    private enum Keys { SMALL, EDGES, GROWING, ALL_EQUAL }

    @Test
    void everyBlockEqualsTheReferenceWhicheverWayItsBatchesCame() {
        for (Keys keys : Keys.values()) {
            for (MappedValues.Width width : new MappedValues.Width[] {MappedValues.Width.INT32,
                    MappedValues.Width.INT64}) {
                run(keys, width, new Random(keys.ordinal() * 31L + width.ordinal()));
            }
        }
    }

    private static void run(Keys keys, MappedValues.Width width, Random random) {
        PartialAggregator aggregator = new PartialAggregator(INPUT, List.of("k"), CALLS);
        MaterializedBytes copied = new MaterializedBytes();
        try (Arena arena = Arena.ofConfined()) {
            for (int block = 0; block < 4; block++) {
                Map<Long, Reference> expected = new LinkedHashMap<>();
                for (int b = 0; b < 6; b++) {
                    String where = keys + " " + width + " block " + block + " batch " + b;
                    ColumnBatch batch = batch(keys, width, random, arena, copied, block * 6 + b, expected, where);
                    aggregator.consume(batch);
                }
                check(aggregator.finishBlock(block), expected, keys + " " + width + " block " + block);
            }
        }
        assertEquals(0, copied.bytes(), keys + " " + width + ": bytes copied out of the mapping");
    }

    /** One batch (mapped, heap, or with null values; dense or filtered), its selected rows added to the reference. */
    private static ColumnBatch batch(Keys keys, MappedValues.Width width, Random random, Arena arena,
            MaterializedBytes copied, int number, Map<Long, Reference> expected, String where) {
        int size = 1 + random.nextInt(ColumnBatch.CAPACITY);
        long[] keyValues = new long[size];
        double[] values = new double[size];
        boolean[] nulls = new boolean[size];
        int form = random.nextInt(3);
        for (int r = 0; r < size; r++) {
            keyValues[r] = key(keys, random, number, r);
            values[r] = random.nextInt(6) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
                    : random.nextInt(2_000) - 1_000 + random.nextDouble();
            nulls[r] = form == 2 && random.nextInt(5) == 0;
        }
        BatchColumn k = new BatchColumn(DataType.INT, ColumnBatch.CAPACITY);
        BatchColumn x = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
        if (form == 0) {
            // Keys and values in place, at a batch offset inside a larger buffer as a scan points them.
            int before = random.nextInt(100);
            MemorySegment keyData = arena.allocate((long) (before + size) * width.bytes());
            MemorySegment valueData = arena.allocate((long) (before + size) * Double.BYTES);
            for (int r = 0; r < size; r++) {
                if (width == MappedValues.Width.INT32) {
                    keyData.set(MappedValues.INT, (before + r) * 4L, (int) keyValues[r]);
                } else {
                    keyData.set(MappedValues.LONG, (before + r) * 8L, keyValues[r]);
                }
                valueData.set(MappedValues.DOUBLE, (before + r) * 8L, values[r]);
            }
            MappedValues mappedKeys = new MappedValues(width, copied);
            mappedKeys.point(keyData, before, size);
            k.mapTo(mappedKeys);
            MappedValues mappedValues = new MappedValues(MappedValues.Width.FLOAT64, copied);
            mappedValues.point(valueData, before, size);
            x.mapTo(mappedValues);
        } else {
            for (int r = 0; r < size; r++) {
                k.longs[r] = keyValues[r];
                x.doubles[r] = values[r];
                if (nulls[r]) {
                    x.setNull(r);
                }
            }
        }
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        batch.setColumn(0, k);
        batch.setColumn(1, x);
        batch.reset(number * (long) ColumnBatch.CAPACITY, size);
        boolean[] kept = new boolean[size];
        java.util.Arrays.fill(kept, true);
        if (random.nextBoolean()) {
            BatchColumn keep = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);
            for (int r = 0; r < size; r++) {
                keep.booleans[r] = random.nextInt(3) > 0;
                kept[r] = keep.booleans[r];
            }
            batch.narrow(keep);
        }
        for (int r = 0; r < size; r++) {
            if (kept[r]) {
                expected.computeIfAbsent(keyValues[r], key -> new Reference()).add(nulls[r] ? null : values[r]);
            }
        }
        return batch;
    }

    private static long key(Keys keys, Random random, int batch, int row) {
        return switch (keys) {
            case SMALL -> random.nextInt(1000);
            case EDGES -> random.nextInt(3) == 0 ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(50) - 25;
            // The range widens batch by batch, so the direct array grows between and inside batches.
            case GROWING -> random.nextInt(1 + Math.min(IntKeyGroups.DIRECT_KEYS + 10, (batch + 1) * 2_000 + row));
            case ALL_EQUAL -> 42;
        };
    }

    private static void check(BlockPartial partial, Map<Long, Reference> expected, String where) {
        assertEquals(expected.size(), partial.groups(), where + ": groups");
        List<Long> order = new ArrayList<>(expected.keySet());
        for (int g = 0; g < partial.groups(); g++) {
            long key = partial.keys()[0].longs[g];
            String at = where + " group " + g + " key " + key;
            assertEquals(order.get(g), key, at + ": groups in order of first appearance");
            Reference reference = expected.get(key);
            assertEquals(reference.rows, partial.states()[0][0].longs[g], at + " count()");
            for (int a = 1; a <= 2; a++) {
                assertEquals(Double.doubleToLongBits(reference.sum), Double.doubleToLongBits(
                        partial.states()[a][0].doubles[g]), at + " sum of aggregate " + a);
                assertEquals(reference.values, partial.states()[a][1].longs[g], at + " sum's count " + a);
            }
            assertExtreme(reference.values > 0, reference.low, partial.states()[3][0], g, at + " min");
            assertExtreme(reference.values > 0, reference.high, partial.states()[4][0], g, at + " max");
        }
    }

    private static void assertExtreme(boolean present, double expected, BatchColumn actual, int group, String at) {
        assertEquals(!present, actual.isNull(group), at + " is null");
        if (present) {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual.doubles[group]), at);
        }
    }

    /** One group's aggregates, one row at a time: sums in row order, min and max in Double.compare's order. */
    private static final class Reference {
        long rows;
        long values;
        double sum;
        double low;
        double high;

        void add(Double value) {
            rows++;
            if (value == null) {
                return;
            }
            double x = value;
            sum += x;
            if (values == 0 || Double.compare(x, low) < 0) {
                low = x;
            }
            if (values == 0 || Double.compare(x, high) > 0) {
                high = x;
            }
            values++;
        }
    }
}
