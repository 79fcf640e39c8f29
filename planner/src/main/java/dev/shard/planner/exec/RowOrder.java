package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The engine's one row order: the sort keys in turn, nulls last in both directions,
 * doubles in {@link Double#compare} order (−0.0 before 0.0, NaN last among numbers),
 * strings by {@link String#compareTo}. Worker-side shard sorts and the ordered merge use
 * it, so a merged result equals a single stable sort of all rows.
 */
public final class RowOrder {
    private final int[] columns;
    private final boolean[] descending;

    public RowOrder(List<SortKey> keys, dev.shard.planner.type.Schema schema) {
        this.columns = keys.stream().mapToInt(key -> schema.indexOf(key.column())).toArray();
        this.descending = new boolean[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            descending[k] = keys.get(k).descending();
        }
    }

    /** Compares row {@code a} of {@code left} with row {@code b} of {@code right} (same schema). */
    public int compare(ColumnTable left, int a, ColumnTable right, int b) {
        return compare(left.columns(), a, right.columns(), b);
    }

    /** Compares row {@code a} of the columns {@code left} with row {@code b} of {@code right} (same schema). */
    public int compare(List<BatchColumn> left, int a, List<BatchColumn> right, int b) {
        for (int k = 0; k < columns.length; k++) {
            int comparison = compare(left.get(columns[k]), a, right.get(columns[k]), b, descending[k]);
            if (comparison != 0) {
                return comparison;
            }
        }
        return 0;
    }

    private static int compare(BatchColumn left, int a, BatchColumn right, int b, boolean descending) {
        boolean aNull = left.isNull(a);
        boolean bNull = right.isNull(b);
        if (aNull || bNull) {
            return Boolean.compare(aNull, bNull);
        }
        int comparison = switch (left.type()) {
            case INT -> Long.compare(left.longs[a], right.longs[b]);
            case DOUBLE -> Double.compare(left.doubles[a], right.doubles[b]);
            case BOOL -> Boolean.compare(left.booleans[a], right.booleans[b]);
            case STRING -> left.strings[a].compareTo(right.strings[b]);
        };
        return descending ? -comparison : comparison;
    }

    /** The table's rows stably sorted, then cut to the first {@code limit} (−1: all). */
    public ColumnTable sort(ColumnTable table, long limit) {
        int[] rows = IntStream.range(0, table.rows()).toArray();
        BatchColumn onlyKey = columns.length == 1 ? table.columns().get(columns[0]) : null;
        if (onlyKey != null && NumberKeySort.applies(onlyKey)) {
            NumberKeySort.sort(onlyKey, descending[0], rows);
        } else {
            mergeSort(table.columns(), rows, rows.clone(), 0, rows.length);
        }
        int kept = limit < 0 ? rows.length : (int) Math.min(limit, rows.length);
        return select(table, kept == rows.length ? rows : java.util.Arrays.copyOf(rows, kept));
    }

    /** Below this many rows a run is sorted by insertion, which is stable and cheaper there. */
    private static final int INSERTION_RUN = 24;

    /**
     * Sorts {@code rows[from, to)} stably by this order, on row numbers as ints (no object per
     * row); {@code scratch} holds the same values on entry and is the merge's other half.
     */
    private void mergeSort(List<BatchColumn> table, int[] rows, int[] scratch, int from, int to) {
        if (to - from <= INSERTION_RUN) {
            for (int i = from + 1; i < to; i++) {
                int row = rows[i];
                int j = i - 1;
                while (j >= from && compare(table, rows[j], table, row) > 0) {
                    rows[j + 1] = rows[j];
                    j--;
                }
                rows[j + 1] = row;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(table, scratch, rows, from, middle);
        mergeSort(table, scratch, rows, middle, to);
        if (compare(table, scratch[middle - 1], table, scratch[middle]) <= 0) {
            System.arraycopy(scratch, from, rows, from, to - from);
            return;
        }
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            if (right >= to || (left < middle && compare(table, scratch[left], table, scratch[right]) <= 0)) {
                rows[out] = scratch[left++];
            } else {
                rows[out] = scratch[right++];
            }
        }
    }

    /** The rows at {@code rows}, in that order. */
    public static ColumnTable select(ColumnTable table, int[] rows) {
        List<BatchColumn> columns = new ArrayList<>();
        for (BatchColumn source : table.columns()) {
            BatchColumn target = new BatchColumn(source.type(), rows.length);
            for (int r = 0; r < rows.length; r++) {
                target.copyRow(source, rows[r], r);
            }
            columns.add(target);
        }
        return new ColumnTable(table.schema(), rows.length, columns);
    }
}
