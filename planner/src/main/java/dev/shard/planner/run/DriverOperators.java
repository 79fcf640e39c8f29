package dev.shard.planner.run;

import dev.shard.planner.exec.RowOrder;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/** Sort, ordered merge and limit over results on the driver (results that fit the driver's heap). */
final class DriverOperators {
    private DriverOperators() {
    }

    /** A stable sort by the keys in order (see RowOrder). */
    static ColumnTable sort(ColumnTable table, List<SortKey> keys) {
        return new RowOrder(keys, table.schema()).sort(table, -1);
    }

    /**
     * Merges tables each sorted by {@code keys}, in list order: a row of an earlier table
     * comes before an equal row of a later one, so merging the sorted shards of a stable
     * sort gives the stable sort of the whole.
     */
    static ColumnTable merge(Schema schema, List<ColumnTable> sorted, List<SortKey> keys) {
        RowOrder order = new RowOrder(keys, schema);
        int total = sorted.stream().mapToInt(ColumnTable::rows).sum();
        List<BatchColumn> columns = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            columns.add(new BatchColumn(schema.fields().get(c).type(), total));
        }
        int[] next = new int[sorted.size()];
        PriorityQueue<Integer> heads = new PriorityQueue<>((a, b) -> {
            int comparison = order.compare(sorted.get(a), next[a], sorted.get(b), next[b]);
            return comparison != 0 ? comparison : Integer.compare(a, b);
        });
        for (int t = 0; t < sorted.size(); t++) {
            if (sorted.get(t).rows() > 0) {
                heads.add(t);
            }
        }
        for (int out = 0; out < total; out++) {
            int t = heads.poll();
            ColumnTable table = sorted.get(t);
            for (int c = 0; c < columns.size(); c++) {
                columns.get(c).copyRow(table.columns().get(c), next[t], out);
            }
            if (++next[t] < table.rows()) {
                heads.add(t);
            }
        }
        return new ColumnTable(schema, total, columns);
    }

    static ColumnTable limit(ColumnTable table, long count) {
        return RowOrder.select(table, IntStream.range(0, (int) Math.min(count, table.rows())).toArray());
    }
}
