package dev.shard.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedOutcomesTest {
    private static final List<Serializable> VALUES = List.of(42L, -7L, Long.MIN_VALUE, 3, -3, Integer.MIN_VALUE, 2.5,
            -0.0, Double.NaN, "grüße", "", new ArrayList<>(List.of(1, "two")));

    private static Message.BatchDone roundTrip(Message.BatchDone done) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            FrameCodec.write(done, buffer);
            return (Message.BatchDone) FrameCodec.read(buffer);
        } finally {
            buffer.release();
        }
    }

    @Test
    void packedResultsDecodeInPlaceToTheValuesTheWorkerEncoded() {
        PackedOutcomes.Builder builder = new PackedOutcomes.Builder(500, 2);
        List<Serializable> values = new ArrayList<>(VALUES);
        values.add(1, null);
        for (int i = 0; i < values.size(); i++) {
            builder.add(ValueCodec.encode(values.get(i)), 1000 + i);
        }
        Message.BatchDone done = roundTrip(new Message.BatchDone(9, 500, values.size(), true, 0, 0, 0, builder.build()));

        PackedOutcomes packed = assertInstanceOf(PackedOutcomes.class, done.outcomes());
        assertEquals(500, packed.firstShard());
        assertEquals(2, packed.attempt());
        assertEquals(values.size(), packed.size());
        for (int i = 0; i < values.size(); i++) {
            Serializable decoded = ValueCodec.decode(packed.bytes(), packed.offset(i), packed.length(i));
            assertEquals(values.get(i), decoded, "value " + i);
            assertEquals(1000 + i, packed.nanos(i));
            Message.ShardOutcome outcome = packed.get(i);
            assertEquals(500 + i, outcome.shardId());
            assertEquals(2, outcome.attempt());
            assertTrue(outcome.succeeded());
            assertArrayEquals(ValueCodec.encode(values.get(i)), outcome.result());
        }
    }

    @Test
    void appendedValuesAreTheBytesEncodeMakesAndAResetBuilderStartsEmptyAgain() {
        PackedOutcomes.Builder builder = new PackedOutcomes.Builder(0, 1);
        builder.append(99L);
        builder.commit(5);
        builder.reset(70, 3);
        List<Serializable> values = new ArrayList<>(VALUES);
        values.add(1, null);
        for (int i = 0; i < values.size(); i++) {
            builder.append(values.get(i));
            builder.commit(2000 + i);
            // A value appended then discarded (too large to send) leaves no trace.
            builder.append("discarded " + i);
            builder.discard();
        }
        PackedOutcomes packed = builder.build();
        assertEquals(70, packed.firstShard());
        assertEquals(3, packed.attempt());
        assertEquals(values.size(), packed.size());
        for (int i = 0; i < values.size(); i++) {
            assertArrayEquals(ValueCodec.encode(values.get(i)), packed.get(i).result(), "value " + i);
            assertEquals(2000 + i, packed.nanos(i));
        }
        assertThrows(IllegalStateException.class, () -> builder.commit(1), "commit needs an appended value");
    }

    /** Serializes its array (fields go by name), then fails on a field that is not Serializable. */
    private record HalfSerializable(long[] large, Object unserializable) implements Serializable {
    }

    @Test
    void aLargeValueIsSerializedInPlaceAndAFailedOneLeavesThePackAsItWas() {
        PackedOutcomes.Builder builder = new PackedOutcomes.Builder(0, 1);
        long[] large = new long[200_000];
        Arrays.setAll(large, i -> i * 31L);
        builder.append("first");
        builder.commit(1);
        // Fails after writing part of itself past the last result, growing the pack's array.
        assertThrows(java.io.UncheckedIOException.class,
                () -> builder.append(new HalfSerializable(large, new Object())));
        builder.append(large);
        builder.commit(2);
        PackedOutcomes packed = builder.build();
        assertEquals(2, packed.size());
        assertArrayEquals(ValueCodec.encode("first"), packed.get(0).result());
        assertArrayEquals(ValueCodec.encode(large), packed.get(1).result());
        assertArrayEquals(large, (long[]) ValueCodec.decode(packed.get(1).result()));
    }

    @Test
    void allSucceededListsGoPackedAndAFailureKeepsEachOutcome() {
        List<Message.ShardOutcome> successes = List.of(
                new Message.ShardOutcome(10, 1, 5, true, ValueCodec.encode(1L), null, null),
                new Message.ShardOutcome(11, 1, 6, true, ValueCodec.encode("b"), null, null));
        Message.BatchDone packed = roundTrip(new Message.BatchDone(1, 10, 2, true, 0, 0, 0, successes));
        assertInstanceOf(PackedOutcomes.class, packed.outcomes());
        assertEquals(successes.get(1).shardId(), packed.outcomes().get(1).shardId());
        assertArrayEquals(successes.get(1).result(), packed.outcomes().get(1).result());

        List<Message.ShardOutcome> mixed = List.of(successes.getFirst(),
                new Message.ShardOutcome(11, 1, 6, false, null, "boom", "at x"));
        Message.BatchDone each = roundTrip(new Message.BatchDone(1, 10, 2, true, 0, 0, 0, mixed));
        assertEquals(ArrayList.class, each.outcomes().getClass());
        assertEquals("boom", each.outcomes().get(1).error());

        // Shards that are not consecutive cannot be described by a first shard and a count.
        List<Message.ShardOutcome> gap = List.of(successes.getFirst(),
                new Message.ShardOutcome(13, 1, 6, true, ValueCodec.encode(2L), null, null));
        Message.BatchDone gapDone = roundTrip(new Message.BatchDone(1, 10, 4, true, 0, 0, 0, gap));
        assertEquals(13, gapDone.outcomes().get(1).shardId());
        assertEquals(ArrayList.class, gapDone.outcomes().getClass());
    }

    @Test
    void aPackedCountBeyondTheFrameIsRefusedBeforeAllocating() {
        ByteBuf buffer = Unpooled.buffer();
        try {
            PackedOutcomes.Builder builder = new PackedOutcomes.Builder(0, 1);
            builder.add(ValueCodec.encode(1L), 1);
            FrameCodec.write(new Message.BatchDone(1, 0, 1, true, 0, 0, 0, builder.build()), buffer);
            // The outcome count sits after type, run, first shard, count, complete, three longs,
            // the unclaimed count, the private bytes and the memory-limit flag.
            int countAt = Integer.BYTES + 1 + 3 * Integer.BYTES + 1 + 3 * Long.BYTES + Integer.BYTES + Long.BYTES + 1;
            assertEquals(1, buffer.getInt(countAt));
            buffer.setInt(countAt, Integer.MAX_VALUE);
            CorruptedFrameException error = assertThrows(CorruptedFrameException.class,
                    () -> FrameCodec.read(buffer));
            assertEquals(Integer.MAX_VALUE + " packed outcomes do not fit in the frame", error.getMessage());
        } finally {
            buffer.release();
        }
    }

    @Test
    void anEmptyPackSurvivesARoundTrip() {
        Message.BatchDone done = roundTrip(new Message.BatchDone(1, 0, 0, true, 0, 0, 0,
                new PackedOutcomes.Builder(0, 1).build()));
        assertTrue(done.outcomes().isEmpty());
    }

    @Test
    void decodingInPlaceChecksTheBoundsAndTheLengthOfNumbers() {
        byte[] two = new byte[20];
        byte[] first = ValueCodec.encode(7L);
        byte[] second = ValueCodec.encode(8);
        System.arraycopy(first, 0, two, 0, first.length);
        System.arraycopy(second, 0, two, first.length, second.length);
        assertEquals(7L, ValueCodec.decode(two, 0, first.length));
        assertEquals(8, ValueCodec.decode(two, first.length, second.length));

        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> ValueCodec.decode(two, 15, 9));
        assertEquals("no value at 15 (+9) in 20 bytes", outside.getMessage());
        IllegalArgumentException shortLong = assertThrows(IllegalArgumentException.class,
                () -> ValueCodec.decode(Arrays.copyOf(first, 5)));
        assertEquals("a value of tag 1 takes 9 bytes, got 5", shortLong.getMessage());
    }
}
