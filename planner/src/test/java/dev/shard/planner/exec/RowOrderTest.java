package dev.shard.planner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shard sort against the JDK's stable sort of boxed rows: many ties (a key of 5 values),
 * nulls, descending keys, run lengths around the insertion-sort cut-off, a limit.
 */
class RowOrderTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("k", DataType.INT, true),
            new Field("v", DataType.DOUBLE, true), new Field("r", DataType.INT, false)));

    @Test
    void sortsLikeAStableSortOfTheRows() {
        SplittableRandom random = new SplittableRandom(7);
        for (int rows : new int[] {0, 1, 2, 23, 24, 25, 49, 1_000, 100_003}) {
            ColumnTable table = table(rows, random);
            for (List<SortKey> keys : List.of(List.of(SortKey.ascending("k")),
                    List.of(SortKey.descending("k"), SortKey.ascending("v")), List.of(SortKey.descending("v")))) {
                for (long limit : new long[] {-1, 0, 10, rows / 2}) {
                    ColumnTable sorted = new RowOrder(keys, SCHEMA).sort(table, limit);
                    List<List<Object>> expected = reference(table, keys, limit);
                    List<List<Object>> actual = new ArrayList<>();
                    for (int r = 0; r < sorted.rows(); r++) {
                        actual.add(sorted.row(r));
                    }
                    assertEquals(expected, actual, rows + " rows by " + keys + ", limit " + limit);
                }
            }
        }
    }

    private static ColumnTable table(int rows, SplittableRandom random) {
        BatchColumn k = new BatchColumn(DataType.INT, rows);
        BatchColumn v = new BatchColumn(DataType.DOUBLE, rows);
        BatchColumn r = new BatchColumn(DataType.INT, rows);
        for (int i = 0; i < rows; i++) {
            k.set(i, random.nextInt(10) == 0 ? null : (long) random.nextInt(5));
            v.set(i, random.nextInt(20) == 0 ? null : (double) random.nextInt(40) - 20.0);
            r.set(i, (long) i);
        }
        return new ColumnTable(SCHEMA, rows, List.of(k, v, r));
    }

    private static List<List<Object>> reference(ColumnTable table, List<SortKey> keys, long limit) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            rows.add(table.row(r));
        }
        Comparator<List<Object>> order = (a, b) -> 0;
        for (SortKey key : keys) {
            int column = SCHEMA.indexOf(key.column());
            order = order.thenComparing((a, b) -> {
                Object x = a.get(column);
                Object y = b.get(column);
                if (x == null || y == null) {
                    return Boolean.compare(x == null, y == null);
                }
                @SuppressWarnings("unchecked")
                int comparison = ((Comparable<Object>) x).compareTo(y);
                return key.descending() ? -comparison : comparison;
            });
        }
        rows.sort(order);
        return limit < 0 ? rows : rows.subList(0, (int) Math.min(limit, rows.size()));
    }
}
