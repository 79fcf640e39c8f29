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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sums and counts of five DOUBLE columns per INT key, through {@link DoubleSumsFold}'s one pass
 * (more columns than one pass takes, mapped and heap columns in one batch), block by block,
 * against a one-row-at-a-time reference of each column on its own, bit for bit: nulls in one
 * column only (mapped or heap), an empty selection, every row selected, only the rows at a
 * batch's edges selected, full and one-row batches, one group and thousands growing mid-block.
 * Nothing is copied out of the mapping but the values of a mapped column with nulls, which the
 * states' own passes read from arrays as they always did.
 */
class DoubleSumsFoldTest {
    private static final List<String> VALUES = List.of("x", "y", "z", "w", "v");
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("x", DataType.DOUBLE),
            Field.of("y", DataType.DOUBLE), Field.of("z", DataType.DOUBLE), Field.of("w", DataType.DOUBLE),
            Field.of("v", DataType.DOUBLE));
    /** Aggregate index → the value column it reads (-1: every row), and whether it is a count. */
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("sx", AggregateFunction.SUM, new Column("x")),
            new AggregateCall("ny", AggregateFunction.COUNT, new Column("y")),
            new AggregateCall("sy", AggregateFunction.SUM, new Column("y")),
            new AggregateCall("mz", AggregateFunction.MEAN, new Column("z")),
            new AggregateCall("sw", AggregateFunction.SUM, new Column("w")),
            new AggregateCall("sv", AggregateFunction.SUM, new Column("v")),
            new AggregateCall("nv", AggregateFunction.COUNT, new Column("v")));
    private static final int[] COLUMN_OF = {-1, 0, 1, 1, 2, 3, 4, 4};
    private static final double[] AWKWARD = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1e300, -1e300};

    private enum Keys { ONE, MANY }

    private enum Rows { ALL, SOME, NONE, EDGES }

    @Test
    void everyBlockEqualsTheColumnByColumnReference() {
        for (Keys keys : Keys.values()) {
            for (boolean nulls : new boolean[] {false, true}) {
                run(keys, nulls, new Random(keys.ordinal() * 7L + (nulls ? 1 : 0)));
            }
        }
    }

    /** An empty selection straight into the fold: nothing added, nothing owed. */
    @Test
    void anEmptySelectionAddsNothing() {
        SumState sum = new SumState(DataType.DOUBLE, false);
        CountState count = new CountState(false);
        DoubleSumsFold fold = new DoubleSumsFold(List.of(new DoubleSumsFold.Member(
                dev.shard.planner.exec.expr.ExpressionCompiler.compile(new Column("x"), INPUT), sum, List.of())),
                count);
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        BatchColumn x = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
        Arrays.fill(x.doubles, 1.0);
        batch.setColumn(1, x);
        batch.reset(0, 10);
        batch.narrowedTo(0);
        fold.accumulate(new int[ColumnBatch.CAPACITY], batch, 3, new BatchColumn(DataType.BOOL, 1));
        fold.settle(3);
        for (int g = 0; g < 3; g++) {
            assertEquals(0, Double.doubleToRawLongBits(sum.doubles(3)[g]), "sum of group " + g);
            assertEquals(0, sum.counts(3)[g], "sum's count of group " + g);
            assertEquals(0, count.counts(3)[g], "count of group " + g);
        }
    }

    private static void run(Keys keys, boolean nulls, Random random) {
        String name = keys + (nulls ? " with nulls" : " without nulls");
        PartialAggregator aggregator = new PartialAggregator(INPUT, List.of("k"), CALLS);
        MaterializedBytes copied = new MaterializedBytes();
        long expectedCopies = 0;
        try (Arena arena = Arena.ofConfined()) {
            for (int block = 0; block < 5; block++) {
                Map<Long, Reference> expected = new LinkedHashMap<>();
                for (int b = 0; b < 8; b++) {
                    String where = name + " block " + block + " batch " + b;
                    Batch batch = batch(keys, nulls, random, arena, copied, block * 8 + b, expected);
                    expectedCopies += batch.copiedBytes;
                    aggregator.consume(batch.batch);
                    assertEquals(expectedCopies, copied.bytes(), where + ": bytes copied out of the mapping");
                }
                check(aggregator.finishBlock(block), expected, name + " block " + block);
            }
        }
    }

    /** A batch and the bytes the aggregation may copy out of its mapping (a mapped column with nulls). */
    private record Batch(ColumnBatch batch, long copiedBytes) {
    }

    private static Batch batch(Keys keys, boolean nulls, Random random, Arena arena, MaterializedBytes copied,
            int number, Map<Long, Reference> expected) {
        int size = switch (random.nextInt(4)) {
            case 0 -> ColumnBatch.CAPACITY;
            case 1 -> 1;
            default -> 1 + random.nextInt(ColumnBatch.CAPACITY);
        };
        int nullColumn = nulls && random.nextInt(3) > 0 ? random.nextInt(VALUES.size()) : -1;
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        BatchColumn k = new BatchColumn(DataType.INT, ColumnBatch.CAPACITY);
        long[] keyValues = new long[size];
        for (int r = 0; r < size; r++) {
            keyValues[r] = keys == Keys.ONE ? 7 : random.nextInt(Math.min(5_000, 50 + number * 300));
            k.longs[r] = keyValues[r];
        }
        batch.setColumn(0, k);
        double[][] values = new double[VALUES.size()][size];
        boolean[][] isNull = new boolean[VALUES.size()][size];
        long copiedBytes = 0;
        for (int c = 0; c < VALUES.size(); c++) {
            for (int r = 0; r < size; r++) {
                values[c][r] = random.nextInt(10) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
                        : random.nextInt(2_000) - 1_000 + random.nextDouble();
                isNull[c][r] = c == nullColumn && random.nextInt(4) == 0;
            }
            boolean mapped = random.nextInt(3) > 0;
            BatchColumn column = column(values[c], isNull[c], mapped, random, arena, copied);
            if (mapped && column.hasNulls) {
                copiedBytes += (long) size * Double.BYTES;
            }
            batch.setColumn(c + 1, column);
        }
        batch.reset(number * (long) ColumnBatch.CAPACITY, size);
        boolean[] kept = select(batch, Rows.values()[random.nextInt(Rows.values().length)], random);
        for (int r = 0; r < size; r++) {
            if (!kept[r]) {
                continue;
            }
            Reference reference = expected.computeIfAbsent(keyValues[r], key -> new Reference());
            reference.rows++;
            for (int c = 0; c < VALUES.size(); c++) {
                if (!isNull[c][r]) {
                    reference.sums[c] += values[c][r];
                    reference.values[c]++;
                }
            }
        }
        // A batch without selected rows never reaches the states, so copies nothing.
        return new Batch(batch, batch.selectedCount() == 0 ? 0 : copiedBytes);
    }

    /** Mapped: the values at a batch offset inside a larger buffer, as a scan points them. */
    private static BatchColumn column(double[] values, boolean[] isNull, boolean mapped, Random random, Arena arena,
            MaterializedBytes copied) {
        BatchColumn column = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
        for (int r = 0; r < values.length; r++) {
            if (isNull[r]) {
                column.setNull(r);
            }
        }
        if (!mapped) {
            System.arraycopy(values, 0, column.doubles, 0, values.length);
            return column;
        }
        int before = random.nextInt(100);
        MemorySegment data = arena.allocate((long) (before + values.length) * Double.BYTES);
        for (int r = 0; r < values.length; r++) {
            data.set(MappedValues.DOUBLE, (before + r) * 8L, values[r]);
        }
        MappedValues in = new MappedValues(MappedValues.Width.FLOAT64, copied);
        in.point(data, before, values.length);
        column.mapTo(in);
        return column;
    }

    /** Narrows the batch as {@code rows} says; returns which rows stay selected. */
    private static boolean[] select(ColumnBatch batch, Rows rows, Random random) {
        int size = batch.size();
        boolean[] kept = new boolean[size];
        BatchColumn keep = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);
        for (int r = 0; r < size; r++) {
            kept[r] = switch (rows) {
                case ALL -> true;
                case SOME -> random.nextInt(10) > 0;
                case NONE -> false;
                case EDGES -> r == 0 || r == size - 1;
            };
            keep.booleans[r] = kept[r];
        }
        if (rows != Rows.ALL) {
            batch.narrow(keep);
        }
        return kept;
    }

    private static void check(BlockPartial partial, Map<Long, Reference> expected, String where) {
        if (expected.isEmpty()) {
            assertEquals(null, partial, where + ": no row reached the aggregation");
            return;
        }
        assertEquals(expected.size(), partial.groups(), where + ": groups");
        List<Long> order = new ArrayList<>(expected.keySet());
        for (int g = 0; g < partial.groups(); g++) {
            long key = partial.keys()[0].longs[g];
            String at = where + " group " + g + " key " + key;
            assertEquals(order.get(g), key, at + ": groups in order of first appearance");
            Reference reference = expected.get(key);
            for (int a = 0; a < CALLS.size(); a++) {
                int c = COLUMN_OF[a];
                BatchColumn[] state = partial.states()[a];
                String what = at + " " + CALLS.get(a).name();
                if (CALLS.get(a).function() == AggregateFunction.COUNT) {
                    assertEquals(c < 0 ? reference.rows : reference.values[c], state[0].longs[g], what);
                    continue;
                }
                // A sum of NaNs carries whichever payload the operand order gives: compared canonical.
                assertEquals(Double.doubleToLongBits(reference.sums[c]), Double.doubleToLongBits(state[0].doubles[g]),
                        what + " sum");
                assertEquals(reference.values[c], state[1].longs[g], what + " sum's count");
            }
        }
    }

    /** One group's rows, and per column its sum in row order and its non-null count. */
    private static final class Reference {
        long rows;
        final double[] sums = new double[VALUES.size()];
        final long[] values = new long[VALUES.size()];
    }
}
