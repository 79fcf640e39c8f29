package dev.shard.planner.run;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.SortKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Sort and limit over a merged result on the driver (results that fit the driver's heap). */
final class DriverOperators {
    private DriverOperators() {
    }

    /** A stable sort by the keys in order; nulls last in both directions; doubles in {@link Double#compare} order. */
    static ColumnTable sort(ColumnTable table, List<SortKey> keys) {
        Comparator<Integer> order = (a, b) -> 0;
        for (SortKey key : keys) {
            BatchColumn column = table.column(key.column());
            order = order.thenComparing((a, b) -> compare(column, a, b, key.descending()));
        }
        int[] rows = IntStream.range(0, table.rows()).boxed().sorted(order).mapToInt(Integer::intValue).toArray();
        return select(table, rows);
    }

    private static int compare(BatchColumn column, int a, int b, boolean descending) {
        boolean aNull = column.isNull(a);
        boolean bNull = column.isNull(b);
        if (aNull || bNull) {
            return Boolean.compare(aNull, bNull);
        }
        int comparison = switch (column.type()) {
            case INT -> Long.compare(column.longs[a], column.longs[b]);
            case DOUBLE -> Double.compare(column.doubles[a], column.doubles[b]);
            case BOOL -> Boolean.compare(column.booleans[a], column.booleans[b]);
            case STRING -> column.strings[a].compareTo(column.strings[b]);
        };
        return descending ? -comparison : comparison;
    }

    static ColumnTable limit(ColumnTable table, long count) {
        return select(table, IntStream.range(0, (int) Math.min(count, table.rows())).toArray());
    }

    private static ColumnTable select(ColumnTable table, int[] rows) {
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
