package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.StageFile;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.exec.aggregate.PackedPartials;
import dev.shard.planner.exec.aggregate.PartialAggregator;
import dev.shard.planner.exec.aggregate.PartialsWriter;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.protocol.ValueCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A StageResult crosses the socket in its own layout, not Java serialization: written into a
 * worker's result pack after other results, decoded in place as the driver decodes it, it
 * is the same result (lives here: the codec is inside the runtime module, which the planner's
 * module tests cannot see) — partials byte for byte (read from inside the pack), the file, the
 * operator rows — for partials, a file, and an empty result; a cut-short one is refused.
 */
class StageResultCodecTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("x", DataType.DOUBLE));

    @Test
    void partialsComeBackByteForByteFromInsideThePack() {
        PackedPartials partials = partials();
        StageResult sent = new StageResult(partials, null, new long[] {40_960, 40_960});
        StageResult received = throughPack(sent);
        assertArrayEquals(bytesOf(partials), bytesOf(received.partials()));
        assertEquals(partials.blocks(), received.partials().blocks());
        assertEquals(partials.groups(), received.partials().groups());
        assertEquals(blocksOf(partials), blocksOf(received.partials()));
        assertNull(received.file());
        assertArrayEquals(sent.operatorRows(), received.operatorRows());
        // The standalone form (a result sent on its own) is the pack's bytes.
        StageResult alone = (StageResult) ValueCodec.decode(ValueCodec.encode(sent));
        assertArrayEquals(bytesOf(partials), bytesOf(alone.partials()));
    }

    @Test
    void aFileAndItsRowsComeBack() {
        StageFile file = new StageFile("/dev/shm/shard-é/stage-2/shard-000017.arrow", 123_456, 9_876_543);
        StageResult received = throughPack(new StageResult(PackedPartials.NONE, file, new long[] {7, 5, 3}));
        assertEquals(file, received.file());
        assertSame(PackedPartials.NONE, received.partials());
        assertArrayEquals(new long[] {7, 5, 3}, received.operatorRows());
    }

    @Test
    void anEmptyResultComesBack() {
        StageResult received = throughPack(new StageResult(PackedPartials.NONE, null, new long[0]));
        assertSame(PackedPartials.NONE, received.partials());
        assertNull(received.file());
        assertEquals(0, received.operatorRows().length);
    }

    @Test
    void aCutShortResultIsRefused() {
        byte[] whole = ValueCodec.encode(new StageResult(partials(), new StageFile("/dev/shm/f", 1, 2),
                new long[] {1}));
        int header = 3 + StageResult.class.getName().length();
        // In the partials, the file's path, the file's sizes, the operator rows.
        for (int length : new int[] {whole.length - 10, header + 40, header + 30, header + 12}) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> ValueCodec.decode(whole, 0, length));
            assertTrue(error.getMessage().contains("the result is corrupt or driver and workers run different"
                    + " builds"), error.getMessage());
        }
    }

    /** Between two other results in one pack, as a worker batches shards; decoded from the pack's array. */
    private static StageResult throughPack(StageResult result) {
        PackedOutcomes.Builder builder = new PackedOutcomes.Builder(4, 1);
        builder.append("before");
        builder.commit(1);
        builder.append(result);
        builder.commit(2);
        builder.append(42L);
        builder.commit(3);
        PackedOutcomes pack = builder.build();
        assertEquals(42L, ValueCodec.decode(pack.bytes(), pack.offset(2), pack.length(2)));
        return (StageResult) ValueCodec.decode(pack.bytes(), pack.offset(1), pack.length(1));
    }

    private static PackedPartials partials() {
        PartialAggregator aggregator = new PartialAggregator(INPUT, List.of("k"), List.of(
                new AggregateCall("n", AggregateFunction.COUNT, null),
                new AggregateCall("sx", AggregateFunction.SUM, new Column("x")),
                new AggregateCall("mx", AggregateFunction.MEAN, new Column("x"))));
        PartialsWriter writer = aggregator.newWriter();
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        for (int b = 0; b < 5; b++) {
            BatchColumn keys = new BatchColumn(DataType.INT, ColumnBatch.CAPACITY);
            BatchColumn values = new BatchColumn(DataType.DOUBLE, ColumnBatch.CAPACITY);
            for (int r = 0; r < ColumnBatch.CAPACITY; r++) {
                keys.set(r, (long) ((r * 7 + b) % 97));
                values.set(r, r % 13 == 0 ? null : r * 0.5 - b);
            }
            batch.setColumn(0, keys);
            batch.setColumn(1, values);
            batch.reset((long) b * ColumnBatch.CAPACITY, ColumnBatch.CAPACITY);
            aggregator.consume(batch);
            aggregator.finishBlock(b, writer);
        }
        return writer.finish();
    }

    private static byte[] bytesOf(PackedPartials partials) {
        byte[] bytes = new byte[partials.bytes()];
        partials.copyTo(bytes, 0);
        return bytes;
    }

    /** Each block's number, groups and value bits as text, read through forEach. */
    private static List<String> blocksOf(PackedPartials partials) {
        List<String> blocks = new ArrayList<>();
        partials.forEach(partial -> {
            StringBuilder text = new StringBuilder(partial.block() + ":" + partial.groups());
            for (BatchColumn[] state : partial.states()) {
                for (BatchColumn column : state) {
                    text.append(' ').append(Arrays.toString(column.longs)).append(Arrays.toString(column.doubles));
                }
            }
            blocks.add(text.toString());
        });
        return blocks;
    }
}
