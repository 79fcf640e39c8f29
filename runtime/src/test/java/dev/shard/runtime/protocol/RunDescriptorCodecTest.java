package dev.shard.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.task.IndexedShards;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.SharedReference;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunDescriptorCodecTest {

    private record ScaleKernel(double factor, String label) implements ShardKernel<Double> {
        @Override
        public Double run(ShardContext context) {
            return factor;
        }
    }

    private record NamedReference(String name) implements SharedReference<AutoCloseable> {
        @Override
        public AutoCloseable open() {
            return () -> { };
        }

        @Override
        public String describe() {
            return "reference " + name;
        }
    }

    /** Holds a field that cannot be serialized. */
    private record UnsendableKernel(Object field) implements ShardKernel<Long> {
        @Override
        public Long run(ShardContext context) {
            return 0L;
        }
    }

    private static Map<String, SharedReference<?>> references(String... names) {
        Map<String, SharedReference<?>> map = new LinkedHashMap<>();
        for (String name : names) {
            map.put(name, new NamedReference(name + "-file"));
        }
        return map;
    }

    private static RunDescriptor descriptor(Shards shards) {
        return new RunDescriptor(new ScaleKernel(2.5, "scale"), shards, references("zeta", "alpha", "mu"),
                references("out-b", "out-a"), 42L);
    }

    private static RunDescriptor roundTrip(RunDescriptor descriptor) {
        byte[] bytes = ValueCodec.encode(descriptor);
        assertEquals(ValueCodec.RUN_DESCRIPTOR, bytes[0], "the frame's tag");
        assertEquals(RunDescriptorCodec.VERSION, bytes[1], "the layout's version");
        return assertInstanceOf(RunDescriptor.class, ValueCodec.decode(bytes));
    }

    @Test
    void everyShardLayoutTravelsWithTheKernelTheReferencesInOrderAndTheSeed() {
        for (Shards shards : List.of(Shards.contiguous(10_000, 7), Shards.strided(1_000, 9),
                Shards.tiles(100, 50, 30, 20), Shards.indices(new long[] {5, 3}, new long[] {}, new long[] {9}))) {
            RunDescriptor sent = descriptor(shards);
            RunDescriptor received = roundTrip(sent);
            if (shards instanceof IndexedShards indexed) {
                IndexedShards back = assertInstanceOf(IndexedShards.class, received.shards());
                assertArrayEquals(indexed.lists(), back.lists());
            } else {
                assertEquals(shards, received.shards());
            }
            assertEquals(sent.kernel(), received.kernel());
            assertEquals(sent.inputs(), received.inputs());
            assertEquals(List.of("zeta", "alpha", "mu"), List.copyOf(received.inputs().keySet()), "sent order");
            assertEquals(List.of("out-b", "out-a"), List.copyOf(received.outputs().keySet()), "sent order");
            assertEquals(42L, received.seed());
            assertThrows(UnsupportedOperationException.class, () -> received.inputs().put("x", null),
                    "unmodifiable, as the driver's");
        }
    }

    @Test
    void aRunWithoutReferencesTravelsToo() {
        RunDescriptor received = roundTrip(new RunDescriptor(new ScaleKernel(1, "none"), Shards.contiguous(1, 1),
                Map.of(), Map.of(), -7L));
        assertTrue(received.inputs().isEmpty() && received.outputs().isEmpty());
        assertEquals(-7L, received.seed());
    }

    @Test
    void theSameDescriptorEncodesToTheSameBytes() {
        // A worker keeps its decoded descriptor while the bytes of the next run's are the same.
        assertArrayEquals(ValueCodec.encode(descriptor(Shards.contiguous(100, 1))),
                ValueCodec.encode(descriptor(Shards.contiguous(100, 1))));
    }

    @Test
    void anotherLayoutVersionIsRefusedByName() {
        byte[] bytes = ValueCodec.encode(descriptor(Shards.contiguous(100, 1)));
        bytes[1] = 9;
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ValueCodec.decode(bytes));
        assertEquals("a run descriptor of layout version 9, this process reads version 1: driver and workers must"
                + " run the same build", error.getMessage());
    }

    @Test
    void aFrameCutShortSaysSo() {
        byte[] bytes = ValueCodec.encode(descriptor(Shards.contiguous(100, 1)));
        for (int length : new int[] {2, 10, 30}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ValueCodec.decode(bytes, 0, length));
            assertEquals("a run descriptor of " + length + " bytes is cut short", error.getMessage());
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ValueCodec.decode(bytes, 0, bytes.length - 1));
        assertTrue(error.getMessage().contains("says its object section takes"), error.getMessage());
    }

    @Test
    void anUnknownShardKindAndAnImpossibleCountAreRefusedBeforeAnythingIsBuilt() {
        byte[] bytes = ValueCodec.encode(descriptor(Shards.contiguous(100, 1)));
        bytes[2] = 12;
        assertEquals("a run descriptor with shard layout kind 12, known kinds are 1 to 4: driver and workers must"
                + " run the same build",
                assertThrows(IllegalArgumentException.class, () -> ValueCodec.decode(bytes)).getMessage());

        byte[] indexed = ValueCodec.encode(descriptor(Shards.indices(new long[] {1})));
        ByteBuffer.wrap(indexed).putInt(3, Integer.MAX_VALUE);
        String message = assertThrows(IllegalArgumentException.class, () -> ValueCodec.decode(indexed)).getMessage();
        assertTrue(message.contains("says it holds 2147483647 index lists"), message);
    }

    @Test
    void aDamagedObjectSectionNamesTheClasspath() {
        byte[] bytes = ValueCodec.encode(descriptor(Shards.contiguous(100, 1)));
        int section = streamMagic(bytes);
        bytes[section] = 0;
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ValueCodec.decode(bytes));
        assertTrue(error.getMessage().startsWith("cannot deserialize a run descriptor's kernel and references: "),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("(driver and workers must run the same classpath)"), error.getMessage());
    }

    /** Where the object section's Java serialization stream starts (its magic number 0xACED). */
    private static int streamMagic(byte[] bytes) {
        for (int i = 2; i + 1 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xAC && bytes[i + 1] == (byte) 0xED) {
                return i;
            }
        }
        throw new AssertionError("no serialization stream in the frame");
    }

    @Test
    void aKernelThatCannotBeSerializedNamesItsClass() {
        RunDescriptor unsendable = new RunDescriptor(new UnsendableKernel(new Object()), Shards.contiguous(1, 1),
                Map.of(), Map.of(), 0);
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> ValueCodec.encode(unsendable));
        assertTrue(error.getMessage().startsWith("cannot serialize " + UnsendableKernel.class.getName()),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("(make every field Serializable or transient)"), error.getMessage());
    }
}
