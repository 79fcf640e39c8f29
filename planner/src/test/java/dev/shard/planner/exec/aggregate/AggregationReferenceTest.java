package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Partial (per block) then final aggregation against a one-row-at-a-time reference on
 * random tables: nulls, empty input, one row, all-equal keys, skewed keys, several key types.
 */
class AggregationReferenceTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("s", DataType.STRING),
            Field.of("x", DataType.DOUBLE), Field.of("i", DataType.INT));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("nx", AggregateFunction.COUNT, new Column("x")),
            new AggregateCall("sx", AggregateFunction.SUM, new Column("x")),
            new AggregateCall("si", AggregateFunction.SUM, new Column("i")),
            new AggregateCall("mx", AggregateFunction.MEAN, new Column("x")),
            new AggregateCall("lo", AggregateFunction.MIN, new Column("x")),
            new AggregateCall("hi", AggregateFunction.MAX, new Column("s")),
            new AggregateCall("vx", AggregateFunction.VAR, new Column("x")),
            new AggregateCall("dx", AggregateFunction.SD, new Column("i")),
            new AggregateCall("f", AggregateFunction.FIRST, new Column("s")),
            new AggregateCall("l", AggregateFunction.LAST, new Column("i")));

    @Test
    void matchesTheReferenceOnRandomTables() {
        Random random = new Random(7);
        for (int rows : new int[] {0, 1, 5_000, 70_000}) {
            for (int keys : new int[] {1, 3, 1000}) {
                Object[][] table = table(random, rows, keys, keys == 3);
                for (List<String> groupBy : List.of(List.of("k"), List.of("s", "k"), List.<String>of())) {
                    compare(table, groupBy);
                }
            }
        }
    }

    private static Object[][] table(Random random, int rows, int keys, boolean skewed) {
        Object[][] table = new Object[rows][];
        String[] names = {"a", "b", "c", "dd", ""};
        for (int r = 0; r < rows; r++) {
            long key = skewed && random.nextInt(10) > 0 ? 0 : random.nextInt(keys);
            table[r] = new Object[] {random.nextInt(20) == 0 ? null : key,
                    random.nextInt(9) == 0 ? null : names[random.nextInt(names.length)],
                    random.nextInt(6) == 0 ? null : random.nextGaussian(),
                    random.nextInt(6) == 0 ? null : (long) random.nextInt(100)};
        }
        return table;
    }

    private static void compare(Object[][] table, List<String> keys) {
        Schema output = new Schema(new ArrayList<Field>() {{
            keys.forEach(key -> add(INPUT.require(key, "group")));
            CALLS.forEach(call -> add(call.field(INPUT)));
        }});
        PartialAggregator partial = new PartialAggregator(INPUT, keys, CALLS);
        FinalAggregator merge = new FinalAggregator(INPUT, keys, CALLS, output);
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        long block = 0;
        for (int start = 0; start < table.length; start += ColumnBatch.CAPACITY) {
            int n = Math.min(ColumnBatch.CAPACITY, table.length - start);
            for (int c = 0; c < INPUT.size(); c++) {
                BatchColumn column = new BatchColumn(INPUT.fields().get(c).type(), ColumnBatch.CAPACITY);
                for (int r = 0; r < n; r++) {
                    column.set(r, table[start + r][c]);
                }
                batch.setColumn(c, column);
            }
            batch.reset(start, n);
            partial.consume(batch);
            // A block every third batch: the merge must not depend on where blocks end.
            if ((start / ColumnBatch.CAPACITY) % 3 == 2 || start + n == table.length) {
                BlockPartial done = partial.finishBlock(block++);
                if (done != null) {
                    merge.merge(done);
                }
            }
        }
        ColumnTable actual = merge.finish();
        List<List<Object>> expected = reference(table, keys);
        assertEquals(expected.size(), actual.rows(), "groups for " + keys);
        for (int g = 0; g < expected.size(); g++) {
            List<Object> row = actual.row(g);
            for (int c = 0; c < row.size(); c++) {
                Object want = expected.get(g).get(c);
                Object got = row.get(c);
                if (want instanceof Double w && got instanceof Double d) {
                    assertEquals(w, d, 1e-9 * Math.max(1, Math.abs(w)), keys + " group " + g + " column " + c);
                } else {
                    assertEquals(want, got, keys + " group " + g + " column " + output.fields().get(c).name());
                }
            }
        }
    }

    /** Groups in order of first appearance, each aggregate computed plainly from the group's rows. */
    private static List<List<Object>> reference(Object[][] table, List<String> keys) {
        Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
        for (Object[] row : table) {
            List<Object> key = new ArrayList<>();
            keys.forEach(name -> key.add(row[INPUT.indexOf(name)]));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        if (keys.isEmpty() && groups.isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<List<Object>> result = new ArrayList<>();
        groups.forEach((key, rows) -> {
            List<Object> out = new ArrayList<>(key);
            for (AggregateCall call : CALLS) {
                List<Object> values = new ArrayList<>();
                for (Object[] row : rows) {
                    Object value = call.argument() == null ? 1L : row[INPUT.indexOf(((Column) call.argument()).name())];
                    if (value != null) {
                        values.add(value);
                    }
                }
                out.add(aggregate(call.function(), values));
            }
            result.add(out);
        });
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object aggregate(AggregateFunction function, List<Object> values) {
        if (function == AggregateFunction.COUNT) {
            return (long) values.size();
        }
        if (values.isEmpty()) {
            return null;
        }
        double sum = values.stream().mapToDouble(AggregationReferenceTest::toDouble).sum();
        return switch (function) {
            case SUM -> values.getFirst() instanceof Long ? (Object) values.stream().mapToLong(v -> (Long) v).sum() : sum;
            case MEAN -> sum / values.size();
            case MIN -> values.stream().min((a, b) -> ((Comparable) a).compareTo(b)).get();
            case MAX -> values.stream().max((a, b) -> ((Comparable) a).compareTo(b)).get();
            case VAR, SD -> {
                if (values.size() < 2) {
                    yield null;
                }
                double mean = sum / values.size();
                double squares = values.stream().mapToDouble(v -> Math.pow(toDouble(v) - mean, 2)).sum();
                double variance = squares / (values.size() - 1);
                yield function == AggregateFunction.SD ? Math.sqrt(variance) : variance;
            }
            case FIRST -> values.getFirst();
            case LAST -> values.getLast();
            default -> throw new IllegalStateException(function.toString());
        };
    }

    private static double toDouble(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }
}
