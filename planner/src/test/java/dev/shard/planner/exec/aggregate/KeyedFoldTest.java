package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * W2's aggregates folded by key ({@link KeyedCells}) where a batch's keys fall in a narrow range,
 * and by group id otherwise, batch after batch within one block: every block's partial equals a
 * one-row-at-a-time reference bit for bit, groups in order of first appearance. Key ranges are
 * dense from 0, away from 0, negative, at the ends of the long range, moving mid-block, wider than
 * the cells, or one key; batches are heap or mapped (int32, int64), sometimes filtered, sometimes
 * with null keys or null values.
 */
class KeyedFoldTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("x", DataType.DOUBLE));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("s", AggregateFunction.SUM, new Column("x")),
            new AggregateCall("m", AggregateFunction.MEAN, new Column("x")),
            new AggregateCall("lo", AggregateFunction.MIN, new Column("x")),
            new AggregateCall("hi", AggregateFunction.MAX, new Column("x")));
    private static final double[] AWKWARD = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5, -1.5};
    private static final int BATCHES = 8;

    /** How a test's keys are drawn. */
    private enum Keys { DENSE, AWAY_FROM_ZERO, NEGATIVE, AROUND_ZERO, LONG_ENDS, MOVING, WIDE, ALL_EQUAL }

    /** How a batch comes: mapped keys and values, heap arrays, or heap with nulls among keys or values. */
    private enum Form { MAPPED, HEAP, NULL_VALUES, NULL_KEYS }

    @Test
    void everyBlockEqualsTheReferenceWhicheverWayItsBatchesFold() {
        for (Keys keys : Keys.values()) {
            for (MappedValues.Width width : new MappedValues.Width[] {MappedValues.Width.INT32,
                    MappedValues.Width.INT64}) {
                if (keys == Keys.LONG_ENDS && width == MappedValues.Width.INT32) {
                    continue;
                }
                run(keys, width, new Random(keys.ordinal() * 131L + width.ordinal()));
            }
        }
    }

    private static void run(Keys keys, MappedValues.Width width, Random random) {
        PartialAggregator aggregator = new PartialAggregator(INPUT, List.of("k"), CALLS);
        MaterializedBytes copied = new MaterializedBytes();
        try (Arena arena = Arena.ofConfined()) {
            for (int block = 0; block < 5; block++) {
                Map<Long, Reference> expected = new LinkedHashMap<>();
                for (int b = 0; b < BATCHES; b++) {
                    String where = keys + " " + width + " block " + block + " batch " + b;
                    // The first block folds every batch by key where it can; later ones mix in the other forms.
                    Form form = block == 0 ? Form.HEAP : Form.values()[random.nextInt(Form.values().length)];
                    boolean filtered = block > 1 && random.nextInt(4) == 0;
                    ColumnBatch batch = batch(keys, form, filtered, width, random, arena, copied, block * BATCHES + b,
                            expected);
                    aggregator.consume(batch);
                }
                check(aggregator.finishBlock(block), expected, keys + " " + width + " block " + block);
            }
        }
        assertEquals(0, copied.bytes(), keys + " " + width + ": bytes copied out of the mapping");
    }

    @Test
    void foldsByKeyOnlyANarrowDenseBatchWithoutNulls() {
        DoubleColumnFold fold = new DoubleColumnFold(new CountState(false), new SumState(DataType.DOUBLE, false),
                new ExtremeState(DataType.DOUBLE, true), new ExtremeState(DataType.DOUBLE, false));
        IntKeyGroups groups = new IntKeyGroups();
        Random random = new Random(7);
        try (Arena arena = Arena.ofConfined()) {
            assertTrue(byKey(fold, groups, Keys.DENSE, Form.HEAP, false, MappedValues.Width.INT32, random, arena));
            assertTrue(byKey(fold, groups, Keys.NEGATIVE, Form.MAPPED, false, MappedValues.Width.INT32, random, arena));
            assertTrue(byKey(fold, groups, Keys.LONG_ENDS, Form.HEAP, false, MappedValues.Width.INT64, random, arena),
                    "a narrow range at the top of the long range");
            assertFalse(byKey(fold, groups, Keys.WIDE, Form.HEAP, false, MappedValues.Width.INT32, random, arena));
            assertFalse(byKey(fold, groups, Keys.DENSE, Form.MAPPED, false, MappedValues.Width.INT64, random, arena),
                    "int64 keys in place");
            assertFalse(byKey(fold, groups, Keys.DENSE, Form.HEAP, true, MappedValues.Width.INT32, random, arena),
                    "a filtered batch");
            assertFalse(byKey(fold, groups, Keys.DENSE, Form.NULL_KEYS, false, MappedValues.Width.INT32, random,
                    arena));
            assertFalse(byKey(fold, groups, Keys.DENSE, Form.NULL_VALUES, false, MappedValues.Width.INT32, random,
                    arena));
        }
    }

    private static boolean byKey(DoubleColumnFold fold, IntKeyGroups groups, Keys keys, Form form, boolean filtered,
            MappedValues.Width width, Random random, Arena arena) {
        ColumnBatch batch = batch(keys, form, filtered, width, random, arena, new MaterializedBytes(), 0,
                new LinkedHashMap<>());
        // Null values always come with a null in the first row, so the batch surely has one.
        return fold.takesByKey(batch.columnInPlace(0), batch)
                && fold.accumulateByKey(groups, batch.columnInPlace(0), batch.columnInPlace(1), batch);
    }

    /** One batch, its selected rows added to the reference. */
    private static ColumnBatch batch(Keys keys, Form form, boolean filtered, MappedValues.Width width, Random random,
            Arena arena, MaterializedBytes copied, int number, Map<Long, Reference> expected) {
        int size = 1 + random.nextInt(ColumnBatch.CAPACITY);
        long[] keyValues = new long[size];
        double[] values = new double[size];
        boolean[] nullKeys = new boolean[size];
        boolean[] nullValues = new boolean[size];
        for (int r = 0; r < size; r++) {
            keyValues[r] = key(keys, random, number, width);
            values[r] = random.nextInt(6) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
                    : random.nextInt(2_000) - 1_000 + random.nextDouble();
            nullKeys[r] = form == Form.NULL_KEYS && (r == 0 || random.nextInt(7) == 0);
            nullValues[r] = form == Form.NULL_VALUES && (r == 0 || random.nextInt(5) == 0);
        }
        BatchColumn k = new BatchColumn(DataType.INT, ColumnBatch.CAPACITY);
        BatchColumn x = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
        if (form == Form.MAPPED) {
            mapped(k, x, keyValues, values, width, random, arena, copied);
        } else {
            for (int r = 0; r < size; r++) {
                k.longs[r] = keyValues[r];
                x.doubles[r] = values[r];
                if (nullKeys[r]) {
                    k.setNull(r);
                }
                if (nullValues[r]) {
                    x.setNull(r);
                }
            }
        }
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        batch.setColumn(0, k);
        batch.setColumn(1, x);
        batch.reset(number * (long) ColumnBatch.CAPACITY, size);
        boolean[] kept = new boolean[size];
        Arrays.fill(kept, true);
        if (filtered) {
            BatchColumn keep = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);
            for (int r = 0; r < size; r++) {
                keep.booleans[r] = random.nextInt(3) > 0;
                kept[r] = keep.booleans[r];
            }
            batch.narrow(keep);
        }
        for (int r = 0; r < size; r++) {
            if (kept[r]) {
                expected.computeIfAbsent(nullKeys[r] ? null : keyValues[r], key -> new Reference())
                        .add(nullValues[r] ? null : values[r]);
            }
        }
        return batch;
    }

    /** Keys and values in place, at a batch offset inside a larger buffer as a scan points them. */
    private static void mapped(BatchColumn k, BatchColumn x, long[] keyValues, double[] values,
            MappedValues.Width width, Random random, Arena arena, MaterializedBytes copied) {
        int size = keyValues.length;
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
    }

    private static long key(Keys keys, Random random, int batch, MappedValues.Width width) {
        return switch (keys) {
            case DENSE -> random.nextInt(1000);
            case AWAY_FROM_ZERO -> 70_000 + random.nextInt(3000);
            case NEGATIVE -> -5_000 + random.nextInt(1000);
            case AROUND_ZERO -> random.nextInt(2000) - 1000;
            // Both ends of the long range, one narrow range at a time, alternating batch by batch.
            case LONG_ENDS -> batch % 2 == 0 ? Long.MAX_VALUE - random.nextInt(1000)
                    : Long.MIN_VALUE + random.nextInt(1000);
            // Each batch's keys lie 1,500 above the last's, so the cells move or give way mid-block.
            case MOVING -> (batch % BATCHES) * 1_500L - 3_000 + random.nextInt(1_000);
            case WIDE -> random.nextInt(KeyedCells.SPAN * 3) - KeyedCells.SPAN;
            case ALL_EQUAL -> width == MappedValues.Width.INT32 ? -42 : 1L << 40;
        };
    }

    private static void check(BlockPartial partial, Map<Long, Reference> expected, String where) {
        assertEquals(expected.size(), partial.groups(), where + ": groups");
        List<Long> order = new ArrayList<>(expected.keySet());
        BatchColumn keys = partial.keys()[0];
        for (int g = 0; g < partial.groups(); g++) {
            Long key = keys.isNull(g) ? null : keys.longs[g];
            String at = where + " group " + g + " key " + key;
            assertEquals(order.get(g), key, at + ": groups in order of first appearance");
            Reference reference = expected.get(key);
            assertEquals(reference.rows, partial.states()[0][0].longs[g], at + " count()");
            for (int a = 1; a <= 2; a++) {
                // A NaN sum's payload is whichever operand the compiled addition kept: any NaN is the same sum.
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
