package dev.shard.runtime.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.storage.SharedReference;
import dev.shard.storage.buffer.BufferReference;
import dev.shard.storage.layout.ElementType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shard layouts and run descriptors travel as plain forms and arrive as the records they were. */
class ShardsFormTest {
    @Test
    void everyShardLayoutArrivesAsTheRecordItWas() {
        List<Shards> layouts = List.of(Shards.contiguous(10_000, 7), new StridedShards(1_000, 3),
                new TiledShards(100, 60, 32, 16), new IndexedShards(new long[][] {{1, 5, 9}, {2}}));
        for (Shards layout : layouts) {
            Shards back = (Shards) ValueCodec.decode(ValueCodec.encode(layout));
            assertEquals(layout.getClass(), back.getClass());
            assertEquals(layout, back);
            assertEquals(layout.count(), back.count());
            for (int shard = 0; shard < layout.count(); shard++) {
                assertEquals(layout.get(shard), back.get(shard), layout + ", shard " + shard);
            }
        }
    }

    @Test
    void aRunDescriptorArrivesWholeAndNoRecordIsWritten() {
        RunDescriptor descriptor = new RunDescriptor(new LengthKernel(), Shards.contiguous(100, 10), Map.of(),
                Map.of(), 42);
        byte[] bytes = ValueCodec.encode(descriptor);
        RunDescriptor back = assertInstanceOf(RunDescriptor.class, ValueCodec.decode(bytes));
        assertEquals(descriptor.shards(), back.shards());
        assertEquals(42, back.seed());
        assertInstanceOf(LengthKernel.class, back.kernel());
        // The descriptor and its layout are written field by field: no class of theirs is in the bytes,
        // and a record class there would be decoded the slow way.
        String stream = new String(bytes, StandardCharsets.ISO_8859_1);
        assertEquals(0, occurrences(stream, RunDescriptor.class.getName()), "the descriptor Java-serialized");
        // (This test's kernel is named after the test, which starts with the form's name.)
        assertEquals(occurrences(stream, ShardsFormTest.class.getName()), occurrences(stream, ShardsForm.class.getName()),
                "the shard layout Java-serialized");
        assertTrue(!stream.contains(ContiguousShards.class.getName()), "the shard layout written as a record");
    }

    @Test
    void aRunDescriptorsReferencesArriveByNameInOrderAndNoMapIsWritten() {
        Map<String, SharedReference<?>> inputs = new LinkedHashMap<>();
        inputs.put("x", new BufferReference(Path.of("/dev/shm/x.seg"), ElementType.DOUBLE, new long[] {4, 2}));
        inputs.put("a", new BufferReference(Path.of("/dev/shm/a.seg"), ElementType.LONG, new long[] {3}));
        Map<String, SharedReference<?>> outputs = Map.of("y",
                new BufferReference(Path.of("/dev/shm/y.seg"), ElementType.INT, new long[] {8}));
        byte[] bytes = ValueCodec.encode(new RunDescriptor(new LengthKernel(), Shards.contiguous(8, 2), inputs,
                outputs, 7));
        RunDescriptor back = (RunDescriptor) ValueCodec.decode(bytes);
        assertEquals(inputs, back.inputs());
        assertEquals(List.of("x", "a"), List.copyOf(back.inputs().keySet()));
        assertEquals(outputs, back.outputs());
        assertThrows(UnsupportedOperationException.class, () -> back.inputs().put("z", null));
        // A map class in the stream would be decoded through its reflective readObject.
        String stream = new String(bytes, StandardCharsets.ISO_8859_1);
        assertFalse(stream.contains("java.util.LinkedHashMap") || stream.contains("java.util.CollSer")
                || stream.contains("java.util.HashMap"), "a map written into the descriptor");
    }

    private static int occurrences(String text, String name) {
        int count = 0;
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            count++;
        }
        return count;
    }

    private static final class LengthKernel implements ShardKernel<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long run(ShardContext context) {
            return context.shard().size();
        }
    }
}
