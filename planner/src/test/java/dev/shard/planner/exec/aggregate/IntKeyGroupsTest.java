package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Group numbers are the order of first appearance whether a key is found by direct index
 * (small non-negative keys) or by hashing (the rest), with nulls, and again after clear().
 */
class IntKeyGroupsTest {
    private static final long[] EDGES = {0, 1, IntKeyGroups.DIRECT_KEYS - 1, IntKeyGroups.DIRECT_KEYS, -1,
        Long.MIN_VALUE, Long.MAX_VALUE, 5_000_000_000L, 1023, 1024};

    @Test
    void numbersKeysInOrderOfFirstAppearanceAcrossDirectAndHashedKeys() {
        IntKeyGroups groups = new IntKeyGroups();
        Random random = new Random(11);
        for (int round = 0; round < 6; round++) {
            boolean withNulls = round % 2 == 1;
            BatchColumn keys = new BatchColumn(DataType.INT, ColumnBatch.CAPACITY);
            Map<Long, Integer> expected = new LinkedHashMap<>();
            List<Integer> expectedIds = new ArrayList<>();
            for (int row = 0; row < ColumnBatch.CAPACITY; row++) {
                long key = switch (random.nextInt(4)) {
                    case 0 -> EDGES[random.nextInt(EDGES.length)];
                    case 1 -> random.nextInt(IntKeyGroups.DIRECT_KEYS * 2) - 100;
                    default -> random.nextInt(50) * (round + 1);
                };
                boolean isNull = withNulls && random.nextInt(17) == 0;
                keys.longs[row] = key;
                if (isNull) {
                    keys.setNull(row);
                }
                Long mapKey = isNull ? null : key;
                expectedIds.add(expected.computeIfAbsent(mapKey, k -> expected.size()));
            }
            ColumnBatch batch = new ColumnBatch(1);
            batch.reset(0, ColumnBatch.CAPACITY);
            batch.setColumn(0, keys);
            int[] ids = new int[ColumnBatch.CAPACITY];
            groups.assign(new BatchColumn[] {keys}, batch, ids);
            for (int row = 0; row < ids.length; row++) {
                assertEquals(expectedIds.get(row), ids[row], "round " + round + ", row " + row);
            }
            assertEquals(expected.size(), groups.size(), "round " + round + ": groups");
            // The driver's merge numbers a partial's keys the same way.
            IntKeyGroups merged = new IntKeyGroups();
            int[] mergedIds = new int[ColumnBatch.CAPACITY];
            merged.insertAll(new BatchColumn[] {keys}, ColumnBatch.CAPACITY, mergedIds);
            assertArrayEquals(ids, mergedIds, "round " + round + ": insertAll");
            BatchColumn exported = groups.export()[0];
            int group = 0;
            for (Long key : expected.keySet()) {
                assertEquals(key, exported.get(group++), "round " + round + ": key of group " + (group - 1));
            }
            groups.clear();
            assertEquals(0, groups.size(), "cleared");
        }
    }

    /**
     * Batches of one block that mix keys seen in earlier batches with new ones (the dense loop's
     * second pass), the direct range growing mid-block, negative and out-of-range keys, and
     * all-equal batches: the numbers are still the order of first appearance over the block.
     */
    @Test
    void numbersNewKeysInRowOrderWhenABatchMixesKnownAndNewKeys() {
        Random random = new Random(12);
        for (int block = 0; block < 4; block++) {
            IntKeyGroups groups = new IntKeyGroups();
            Map<Long, Integer> expected = new LinkedHashMap<>();
            for (int batchNumber = 0; batchNumber < 12; batchNumber++) {
                int size = 1 + random.nextInt(ColumnBatch.CAPACITY);
                // The range of keys grows batch by batch, past the direct array's first size and past 64K.
                int range = 1 + (batchNumber + 1) * (block + 1) * 3_000;
                boolean allEqual = batchNumber % 5 == 4;
                BatchColumn keys = new BatchColumn(DataType.INT, ColumnBatch.CAPACITY);
                List<Integer> expectedIds = new ArrayList<>();
                for (int row = 0; row < size; row++) {
                    long key = allEqual ? range - 1
                            : random.nextInt(8) == 0 ? EDGES[random.nextInt(EDGES.length)]
                            : random.nextInt(range) - (random.nextInt(10) == 0 ? range : 0);
                    keys.longs[row] = key;
                    expectedIds.add(expected.computeIfAbsent(key, k -> expected.size()));
                }
                ColumnBatch batch = new ColumnBatch(1);
                batch.reset(batchNumber * (long) ColumnBatch.CAPACITY, size);
                batch.setColumn(0, keys);
                int[] ids = new int[ColumnBatch.CAPACITY];
                groups.assign(new BatchColumn[] {keys}, batch, ids);
                for (int row = 0; row < size; row++) {
                    assertEquals(expectedIds.get(row), ids[row], "block " + block + ", batch " + batchNumber
                            + ", row " + row + ", key " + keys.longs[row]);
                }
                assertEquals(expected.size(), groups.size(), "block " + block + ", batch " + batchNumber);
            }
            BatchColumn exported = groups.export()[0];
            int group = 0;
            for (Long key : expected.keySet()) {
                assertEquals(key, exported.get(group++), "block " + block + ": key of group " + (group - 1));
            }
        }
    }
}
