package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * count(), sum(x) and mean(x) of one block whose batches switch between the fused fold (no
 * nulls in x) and the states' own passes (some nulls): the sum's count, which the fold
 * settles from the row count instead of keeping row by row, is x's non-null count in every
 * block, and the row count is every row's.
 */
class SettledCountsTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("x", DataType.DOUBLE));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("s", AggregateFunction.SUM, new Column("x")),
            new AggregateCall("m", AggregateFunction.MEAN, new Column("x")),
            new AggregateCall("lo", AggregateFunction.MIN, new Column("x")),
            new AggregateCall("hi", AggregateFunction.MAX, new Column("x")));
    private static final int KEYS = 37;

    @Test
    void theSumsCountIsTheNonNullCountInEveryBlock() {
        Random random = new Random(5);
        PartialAggregator aggregator = new PartialAggregator(INPUT, List.of("k"), CALLS);
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        for (int block = 0; block < 6; block++) {
            long[] rows = new long[KEYS];
            long[] values = new long[KEYS];
            for (int b = 0; b < 5; b++) {
                boolean nulls = random.nextBoolean();
                BatchColumn keys = new BatchColumn(DataType.INT, ColumnBatch.CAPACITY);
                BatchColumn x = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
                for (int r = 0; r < ColumnBatch.CAPACITY; r++) {
                    int key = random.nextInt(KEYS);
                    keys.longs[r] = key;
                    rows[key]++;
                    if (nulls && random.nextInt(4) == 0) {
                        x.setNull(r);
                    } else {
                        x.doubles[r] = random.nextInt(100);
                        values[key]++;
                    }
                }
                batch.setColumn(0, keys);
                batch.setColumn(1, x);
                batch.reset((block * 5L + b) * ColumnBatch.CAPACITY, ColumnBatch.CAPACITY);
                aggregator.consume(batch);
            }
            BlockPartial partial = aggregator.finishBlock(block);
            for (int g = 0; g < partial.groups(); g++) {
                int key = (int) partial.keys()[0].longs[g];
                String where = "block " + block + " key " + key;
                assertEquals(rows[key], partial.states()[0][0].longs[g], where + " count()");
                assertEquals(values[key], partial.states()[1][1].longs[g], where + " sum's count");
                assertEquals(values[key], partial.states()[2][1].longs[g], where + " mean's count");
            }
        }
    }
}
