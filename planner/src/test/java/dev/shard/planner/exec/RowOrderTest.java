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
 * nulls, descending keys, run lengths around the insertion-sort cut-off, a limit; single keys
 * of each type (the sort by one number key's longs): keys across the whole long range and the
 * doubles whose order is easy to get wrong (merged by position), small ints and booleans
 * (packed with their positions), each with nulls and without ("r", "wide").
 */
class RowOrderTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("k", DataType.INT, true),
            new Field("v", DataType.DOUBLE, true), new Field("r", DataType.INT, false),
            new Field("b", DataType.BOOL, true), new Field("s", DataType.STRING, true),
            new Field("small", DataType.INT, true), new Field("wide", DataType.INT, false)));
    /** Doubles whose order is easy to get wrong: signed zeros, infinities, NaN, the extremes. */
    private static final double[] EDGES = {-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};

    @Test
    void sortsLikeAStableSortOfTheRows() {
        SplittableRandom random = new SplittableRandom(7);
        for (int rows : new int[] {0, 1, 2, 23, 24, 25, 49, 1_000, 100_003}) {
            ColumnTable table = table(rows, random);
            for (List<SortKey> keys : List.of(List.of(SortKey.ascending("k")), List.of(SortKey.descending("k")),
                    List.of(SortKey.descending("k"), SortKey.ascending("v")), List.of(SortKey.descending("v")),
                    List.of(SortKey.ascending("v")), List.of(SortKey.ascending("b")), List.of(SortKey.descending("b")),
                    List.of(SortKey.ascending("s")), List.of(SortKey.ascending("small")),
                    List.of(SortKey.descending("small")), List.of(SortKey.descending("r")),
                    List.of(SortKey.ascending("wide")), List.of(SortKey.descending("wide")))) {
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

    /**
     * Keys whose range is exactly the widest packed (2^32 − 1) and one more (2^32, merged), at
     * both ends of the long range, and DOUBLE keys without nulls: the same order as the general
     * comparison of boxed rows.
     */
    @Test
    void keysAtTheEdgeOfThePackedRangeAndWithoutNullsSortLikeTheRows() {
        Schema schema = new Schema(List.of(new Field("e", DataType.INT, false), new Field("d", DataType.DOUBLE, false),
                new Field("r", DataType.INT, false)));
        SplittableRandom random = new SplittableRandom(11);
        for (long range : new long[] {(1L << 32) - 1, 1L << 32}) {
            for (long low : new long[] {0, -7, Long.MIN_VALUE, Long.MAX_VALUE - range}) {
                int rows = 500;
                BatchColumn e = new BatchColumn(DataType.INT, rows);
                BatchColumn d = new BatchColumn(DataType.DOUBLE, rows);
                BatchColumn r = new BatchColumn(DataType.INT, rows);
                for (int i = 0; i < rows; i++) {
                    long offset = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> range;
                        default -> random.nextLong(range + 1);
                    };
                    e.set(i, low + offset);
                    d.set(i, random.nextInt(4) == 0 ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(9) - 4.0);
                    r.set(i, (long) i);
                }
                ColumnTable table = new ColumnTable(schema, rows, List.of(e, d, r));
                for (List<SortKey> keys : List.of(List.of(SortKey.ascending("e")), List.of(SortKey.descending("e")),
                        List.of(SortKey.ascending("d")), List.of(SortKey.descending("d")))) {
                    ColumnTable sorted = new RowOrder(keys, schema).sort(table, -1);
                    List<List<Object>> actual = new ArrayList<>();
                    for (int row = 0; row < sorted.rows(); row++) {
                        actual.add(sorted.row(row));
                    }
                    assertEquals(reference(table, keys, -1), actual, "range " + range + " from " + low + " by " + keys);
                }
            }
        }
    }

    private static ColumnTable table(int rows, SplittableRandom random) {
        BatchColumn k = new BatchColumn(DataType.INT, rows);
        BatchColumn v = new BatchColumn(DataType.DOUBLE, rows);
        BatchColumn r = new BatchColumn(DataType.INT, rows);
        BatchColumn b = new BatchColumn(DataType.BOOL, rows);
        BatchColumn s = new BatchColumn(DataType.STRING, rows);
        BatchColumn small = new BatchColumn(DataType.INT, rows);
        BatchColumn wide = new BatchColumn(DataType.INT, rows);
        for (int i = 0; i < rows; i++) {
            long key = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(5) - 2;
            k.set(i, random.nextInt(10) == 0 ? null : key);
            double value = random.nextInt(4) == 0 ? EDGES[random.nextInt(EDGES.length)]
                    : (double) random.nextInt(40) - 20.0;
            v.set(i, random.nextInt(20) == 0 ? null : value);
            r.set(i, (long) i);
            b.set(i, random.nextInt(7) == 0 ? null : random.nextBoolean());
            s.set(i, random.nextInt(9) == 0 ? null : "s" + random.nextInt(30));
            small.set(i, random.nextInt(8) == 0 ? null : random.nextInt(5) - 2L);
            wide.set(i, random.nextInt(4) == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong());
        }
        return new ColumnTable(SCHEMA, rows, List.of(k, v, r, b, s, small, wide));
    }

    private static List<List<Object>> reference(ColumnTable table, List<SortKey> keys, long limit) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            rows.add(table.row(r));
        }
        Comparator<List<Object>> order = (a, b) -> 0;
        for (SortKey key : keys) {
            int column = table.schema().indexOf(key.column());
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
