package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused pass gives bit for bit what the states' own passes give: on values with
 * ties, -0.0 and 0.0, NaNs with different payloads and infinities, on dense and filtered
 * batches, across block boundaries (clear) and group growth.
 */
class DoubleColumnFoldTest {
    private static final double[] AWKWARD = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
            Double.longBitsToDouble(0xfff8_0000_0000_0000L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1.5, -1.5, Double.MIN_VALUE};

    @Test
    void theFusedPassEqualsTheSeparatePassesBitForBit() {
        Random random = new Random(11);
        for (int groupsRange : new int[] {1, 7, 300, 5_000}) {
            Fixture fused = new Fixture();
            Fixture separate = new Fixture();
            DoubleColumnFold fold = new DoubleColumnFold(fused.count, fused.sum, fused.minimum, fused.maximum);
            int[] groupIds = new int[ColumnBatch.CAPACITY];
            int groups = 0;
            for (int batchNumber = 0; batchNumber < 40; batchNumber++) {
                ColumnBatch batch = new ColumnBatch(1);
                BatchColumn values = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
                int size = 1 + random.nextInt(ColumnBatch.CAPACITY);
                for (int r = 0; r < size; r++) {
                    values.doubles[r] = random.nextInt(8) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
                            : random.nextInt(20) - 10 + (random.nextBoolean() ? 0 : random.nextDouble());
                }
                batch.setColumn(0, values);
                batch.reset(batchNumber * (long) ColumnBatch.CAPACITY, size);
                if (random.nextBoolean()) {
                    BatchColumn keep = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);
                    for (int r = 0; r < size; r++) {
                        keep.booleans[r] = random.nextInt(3) > 0;
                    }
                    batch.narrow(keep);
                }
                for (int k = 0; k < batch.selectedCount(); k++) {
                    groupIds[k] = random.nextInt(groupsRange);
                }
                groups = Math.max(groups, groupsRange);
                fold.accumulate(groupIds, values, batch, groups);
                separate.accumulate(groupIds, values, batch, groups);
                if (batchNumber % 7 == 6) {
                    fold.settle(groups);
                    assertSameExports(fused, separate, groups, "block ending at batch " + batchNumber);
                    fused.clear();
                    separate.clear();
                    fold.restart();
                }
            }
            fold.settle(groups);
            assertSameExports(fused, separate, groups, "last block, " + groupsRange + " groups");
        }
    }

    @Test
    void theMergesOneComparisonPathEqualsTheExactRuleBitForBit() {
        Random random = new Random(12);
        for (boolean minimum : new boolean[] {true, false}) {
            ExtremeState fast = new ExtremeState(DataType.DOUBLE, minimum);
            ExtremeState exact = new ExtremeState(DataType.DOUBLE, minimum);
            // Few values per group (about six), half of them awkward, so ties and NaN decide often.
            int groups = 500;
            int[] groupIds = new int[100];
            for (int block = 0; block < 30; block++) {
                BatchColumn partial = new BatchColumn(DataType.DOUBLE, groupIds.length);
                for (int r = 0; r < groupIds.length; r++) {
                    groupIds[r] = random.nextInt(groups);
                    partial.doubles[r] = random.nextBoolean() ? AWKWARD[random.nextInt(AWKWARD.length)]
                            : random.nextInt(5) - 2;
                }
                fast.merge(groupIds, new BatchColumn[] {partial}, groupIds.length, groups);
                // The same rows flagged as possibly null (none is) take the row-by-row exact rule.
                BatchColumn flagged = partial.trimmed(groupIds.length);
                flagged.hasNulls = true;
                exact.merge(groupIds, new BatchColumn[] {flagged}, groupIds.length, groups);
            }
            BatchColumn expected = exact.finish(groups);
            BatchColumn actual = fast.finish(groups);
            for (int g = 0; g < groups; g++) {
                assertEquals(Double.doubleToRawLongBits(expected.doubles[g]),
                        Double.doubleToRawLongBits(actual.doubles[g]), (minimum ? "min" : "max") + " group " + g);
            }
        }
    }

    private static void assertSameExports(Fixture fused, Fixture separate, int groups, String where) {
        AggregateState[] mine = fused.all();
        AggregateState[] theirs = separate.all();
        for (int s = 0; s < mine.length; s++) {
            BatchColumn[] expected = theirs[s].export(groups);
            BatchColumn[] actual = mine[s].export(groups);
            assertEquals(expected.length, actual.length, where);
            for (int c = 0; c < expected.length; c++) {
                String what = where + ", state " + s + " column " + c;
                assertArrayEquals(expected[c].nulls, actual[c].nulls, what);
                if (expected[c].type() == DataType.INT) {
                    assertArrayEquals(expected[c].longs, actual[c].longs, what);
                    continue;
                }
                // A sum of NaNs carries whichever payload the JIT's operand order gives, with or
                // without the fold; min and max copy a value, so their bits must match exactly.
                boolean computed = mine[s] instanceof SumState;
                for (int g = 0; g < groups; g++) {
                    if (!expected[c].nulls[g]) {
                        assertEquals(bits(expected[c].doubles[g], computed), bits(actual[c].doubles[g], computed),
                                what + " group " + g);
                    }
                }
            }
        }
    }

    private static long bits(double value, boolean canonicalNaN) {
        return canonicalNaN ? Double.doubleToLongBits(value) : Double.doubleToRawLongBits(value);
    }

    /** count(), sum(x), min(x), max(x) as the aggregator creates them. */
    private static final class Fixture {
        final CountState count = new CountState(false);
        final SumState sum = new SumState(DataType.DOUBLE, false);
        final ExtremeState minimum = new ExtremeState(DataType.DOUBLE, true);
        final ExtremeState maximum = new ExtremeState(DataType.DOUBLE, false);
        private final BatchColumn rowCounter = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);

        AggregateState[] all() {
            return new AggregateState[] {count, sum, minimum, maximum};
        }

        void accumulate(int[] groupIds, BatchColumn values, ColumnBatch batch, int groups) {
            count.accumulate(groupIds, rowCounter, batch, groups);
            sum.accumulate(groupIds, values, batch, groups);
            minimum.accumulate(groupIds, values, batch, groups);
            maximum.accumulate(groupIds, values, batch, groups);
        }

        void clear() {
            for (AggregateState state : all()) {
                state.clear();
            }
        }
    }
}
