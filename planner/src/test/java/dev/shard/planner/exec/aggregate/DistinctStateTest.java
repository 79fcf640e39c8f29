package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.type.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * count_distinct through the worker/driver split: values accumulated per block, exported,
 * merged in block order, against a plain set per group — every type, nulls, −0.0 and 0.0
 * (one value), NaN, empty blocks, one group and many.
 */
class DistinctStateTest {
    private static final Object[] DOUBLES = {0.0, -0.0, 1.5, Double.NaN, 2.0, null};
    private static final Object[] STRINGS = {"a", "b", "", "ä", null};
    private static final Object[] BOOLS = {true, false, null};

    @Test
    void countsMatchAPlainSetForEveryType() {
        Random random = new Random(7);
        for (DataType type : DataType.values()) {
            for (int groups : new int[] {1, 5}) {
                for (int blocks : new int[] {0, 1, 4}) {
                    check(type, groups, blocks, random);
                }
            }
        }
    }

    private static Object draw(DataType type, Random random) {
        return switch (type) {
            case INT -> random.nextInt(10) == 0 ? null : (long) random.nextInt(50) - 25;
            case DOUBLE -> DOUBLES[random.nextInt(DOUBLES.length)];
            case BOOL -> BOOLS[random.nextInt(BOOLS.length)];
            case STRING -> STRINGS[random.nextInt(STRINGS.length)];
        };
    }

    /** Distinct as SQL sees it: −0.0 is 0.0; nulls are not values. */
    private static Object canonical(Object value) {
        return value instanceof Double d && d == 0.0 ? 0.0 : value;
    }

    private static void check(DataType type, int groups, int blocks, Random random) {
        AggregateState merged = AggregateState.create(AggregateFunction.COUNT_DISTINCT, type);
        List<Set<Object>> expected = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            expected.add(new HashSet<>());
        }
        int[] identity = new int[groups];
        for (int g = 0; g < groups; g++) {
            identity[g] = g;
        }
        for (int block = 0; block < blocks; block++) {
            AggregateState worker = AggregateState.create(AggregateFunction.COUNT_DISTINCT, type);
            int rows = block == 1 ? 0 : 1 + random.nextInt(ColumnBatch.CAPACITY);
            BatchColumn input = new BatchColumn(type, ColumnBatch.CAPACITY);
            int[] groupIds = new int[ColumnBatch.CAPACITY];
            for (int r = 0; r < rows; r++) {
                Object value = draw(type, random);
                input.set(r, value);
                groupIds[r] = random.nextInt(groups);
                if (value != null) {
                    expected.get(groupIds[r]).add(canonical(value));
                }
            }
            ColumnBatch batch = new ColumnBatch(1);
            batch.setColumn(0, input);
            batch.reset(0, rows);
            worker.accumulate(groupIds, input, batch, groups);
            merged.merge(identity, worker.export(groups), groups, groups);
        }
        BatchColumn counts = merged.finish(groups);
        for (int g = 0; g < groups; g++) {
            assertEquals(expected.get(g).size(), counts.longs[g], type + ", group " + g + " of " + groups + ", "
                    + blocks + " blocks");
        }
    }
}
