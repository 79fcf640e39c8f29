package dev.shard.planner.exec.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A shard's partials written straight from the states ({@link PartialsWriter}), sent
 * through Java serialization as a worker sends them and read back ({@link PackedPartials}),
 * are the partials the states export: same blocks, groups, nulls and value bits, for every
 * aggregate and key type, with nulls, NaN, -0.0 and keys beyond 32 bits.
 */
class PackedPartialsTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("s", DataType.STRING),
            Field.of("x", DataType.DOUBLE), Field.of("b", DataType.BOOL));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("nx", AggregateFunction.COUNT, new Column("x")),
            new AggregateCall("sx", AggregateFunction.SUM, new Column("x")),
            new AggregateCall("sk", AggregateFunction.SUM, new Column("k")),
            new AggregateCall("mx", AggregateFunction.MEAN, new Column("x")),
            new AggregateCall("lo", AggregateFunction.MIN, new Column("x")),
            new AggregateCall("hi", AggregateFunction.MAX, new Column("x")),
            new AggregateCall("hs", AggregateFunction.MAX, new Column("s")),
            new AggregateCall("lb", AggregateFunction.MIN, new Column("b")),
            new AggregateCall("vx", AggregateFunction.VAR, new Column("x")),
            new AggregateCall("f", AggregateFunction.FIRST, new Column("s")),
            new AggregateCall("d", AggregateFunction.COUNT_DISTINCT, new Column("k")));

    @Test
    void packedPartialsReadBackAsTheExportedOnes() throws Exception {
        Random random = new Random(11);
        for (List<String> keys : List.of(List.of("k"), List.of("s", "k"), List.<String>of())) {
            for (boolean nulls : new boolean[] {false, true}) {
                compare(random, keys, nulls);
            }
        }
    }

    @Test
    void anotherLayoutVersionIsRefused() {
        PartialsWriter writer = new PartialAggregator(INPUT, List.of("k"), CALLS).newWriter();
        writer.startBlock(0, 0);
        PackedPartials packed = writer.finish();
        byte[] bytes = packed.encoded().clone();
        bytes[0] = 9;
        PackedPartials other = new PackedPartials(bytes, 1, 0);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> other.forEach(p -> { }));
        assertEquals("block partials of layout version 9, this build reads 1: driver and workers must run the same"
                + " build", error.getMessage());
    }

    private static void compare(Random random, List<String> keys, boolean nulls) throws Exception {
        PartialAggregator exporting = new PartialAggregator(INPUT, keys, CALLS);
        PartialAggregator writing = new PartialAggregator(INPUT, keys, CALLS);
        PartialsWriter writer = writing.newWriter();
        List<BlockPartial> expected = new ArrayList<>();
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        for (int b = 0; b < 7; b++) {
            fill(batch, random, nulls, b * ColumnBatch.CAPACITY);
            exporting.consume(batch);
            writing.consume(batch);
            if (b % 2 == 1 || b == 6) {
                BlockPartial partial = exporting.finishBlock(b);
                if (partial != null) {
                    expected.add(partial);
                }
                writing.finishBlock(b, writer);
            }
        }
        PackedPartials packed = roundTrip(writer.finish());
        List<BlockPartial> actual = new ArrayList<>();
        // The columns are reused from block to block: keep copies.
        packed.forEach(partial -> actual.add(new BlockPartial(partial.block(), partial.groups(),
                copies(partial.keys()), java.util.Arrays.stream(partial.states()).map(PackedPartialsTest::copies)
                        .toArray(BatchColumn[][]::new))));
        assertEquals(expected.size(), actual.size(), "blocks for " + keys);
        assertEquals(expected.size(), packed.blocks());
        assertEquals(expected.stream().mapToLong(BlockPartial::groups).sum(), packed.groups());
        for (int p = 0; p < expected.size(); p++) {
            BlockPartial want = expected.get(p);
            BlockPartial got = actual.get(p);
            String where = keys + " nulls " + nulls + " block " + want.block();
            assertEquals(want.block(), got.block(), where);
            assertEquals(want.groups(), got.groups(), where);
            assertColumns(want.keys(), got.keys(), false, where + " keys");
            for (int a = 0; a < CALLS.size(); a++) {
                AggregateFunction function = CALLS.get(a).function();
                // A computed NaN (a sum or variance) carries whichever sign the JIT's operand order
                // gives it, with or without packing; values copied from the input must match exactly.
                boolean computed = function != AggregateFunction.MIN && function != AggregateFunction.MAX;
                assertColumns(want.states()[a], got.states()[a], computed, where + " " + CALLS.get(a).name());
            }
        }
    }

    private static BatchColumn[] copies(BatchColumn[] columns) {
        return java.util.Arrays.stream(columns).map(column -> column.trimmed(column.capacity()))
                .toArray(BatchColumn[]::new);
    }

    private static void fill(ColumnBatch batch, Random random, boolean nulls, long firstRow) {
        String[] names = {"a", "b", "é", "dd", ""};
        double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY};
        int rows = ColumnBatch.CAPACITY;
        for (int c = 0; c < INPUT.size(); c++) {
            BatchColumn column = new BatchColumn(INPUT.fields().get(c).type(), rows);
            for (int r = 0; r < rows; r++) {
                Object value = switch (c) {
                    case 0 -> random.nextInt(50) == 0 ? (1L << 40) + random.nextInt(3) : (long) random.nextInt(300);
                    case 1 -> names[random.nextInt(names.length)];
                    case 2 -> random.nextInt(40) == 0 ? specials[random.nextInt(specials.length)] : random.nextGaussian();
                    default -> random.nextBoolean();
                };
                column.set(r, nulls && random.nextInt(8) == 0 ? null : value);
            }
            batch.setColumn(c, column);
        }
        batch.reset(firstRow, rows);
    }

    private static void assertColumns(BatchColumn[] want, BatchColumn[] got, boolean computed, String where) {
        assertEquals(want.length, got.length, where);
        for (int c = 0; c < want.length; c++) {
            assertEquals(want[c].type(), got[c].type(), where);
            // One row per group, except the distinct values of count_distinct.
            assertEquals(want[c].capacity(), got[c].capacity(), where);
            for (int r = 0; r < want[c].capacity(); r++) {
                assertEquals(want[c].isNull(r), got[c].isNull(r), where + " row " + r + " null");
                if (want[c].isNull(r)) {
                    continue;
                }
                Object value = want[c].get(r);
                if (value instanceof Double d) {
                    double actual = got[c].doubles[r];
                    assertEquals(computed ? Double.doubleToLongBits(d) : Double.doubleToRawLongBits(d),
                            computed ? Double.doubleToLongBits(actual) : Double.doubleToRawLongBits(actual),
                            where + " row " + r);
                } else {
                    assertEquals(value, got[c].get(r), where + " row " + r);
                }
            }
        }
    }

    private static PackedPartials roundTrip(PackedPartials packed) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(packed);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PackedPartials) in.readObject();
        }
    }
}
