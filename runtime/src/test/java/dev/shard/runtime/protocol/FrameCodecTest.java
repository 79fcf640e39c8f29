package dev.shard.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void theHelloFrameOfAStartingWorkerIsTheCodecsFrameByteForByte() {
        for (byte[] token : new byte[][] {{1, 2, 3}, {}, null}) {
            Message.Hello hello = new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 3, 12345, token);
            ByteBuf codec = Unpooled.buffer();
            FrameCodec.write(hello, codec);
            byte[] expected = new byte[codec.readableBytes()];
            codec.readBytes(expected);
            codec.release();
            java.nio.ByteBuffer frame = HelloFrame.encode(hello);
            byte[] actual = new byte[frame.remaining()];
            frame.get(actual);
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void theDriverReadsTheHelloAndWritesItsWelcomeAsTheCodecDoes() {
        for (byte[] token : new byte[][] {{1, 2, 3}, {}, null}) {
            Message.Hello hello = new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 3, 12345, token);
            ByteBuf codec = Unpooled.buffer();
            FrameCodec.write(hello, codec);
            Message.Hello decoded = HelloFrame.decode(codec.nioBuffer());
            codec.release();
            assertEquals(hello.workerId(), decoded.workerId());
            assertEquals(hello.pid(), decoded.pid());
            assertEquals(hello.magic(), decoded.magic());
            assertEquals(hello.version(), decoded.version());
            assertArrayEquals(hello.token(), decoded.token());
        }
        ByteBuf other = Unpooled.buffer();
        FrameCodec.write(new Message.Welcome(1), other);
        assertNull(HelloFrame.decode(other.nioBuffer()), "a frame of another type is not a hello");
        byte[] expected = new byte[other.readableBytes()];
        other.readBytes(expected);
        other.release();
        java.nio.ByteBuffer welcome = HelloFrame.welcome(new Message.Welcome(1));
        byte[] actual = new byte[welcome.remaining()];
        welcome.get(actual);
        assertArrayEquals(expected, actual);
    }

    @Test
    void everyMessageSurvivesARoundTrip() {
        List<Message> messages = List.of(
                new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 3, 12345, new byte[] {1, 2, 3}),
                new Message.Welcome(1),
                new Message.Reject("wrong run token"),
                new Message.RunSetup(7, 500, 300L << 20, new byte[] {9, 8}),
                new Message.TaskBatch(7, 100, 50, 2),
                new Message.BatchDone(7, 100, 2, true, 3, 4096, 987_654L, List.of(
                        new Message.ShardOutcome(100, 1, 55, true, new byte[] {1}, null, null),
                        new Message.ShardOutcome(101, 1, 66, false, null, "boom", "at x\nat y")), 1, 123_456_789L, true),
                new Message.TaskTimedOut(7, 5, 2, 1234),
                new Message.RunEnd(7),
                new Message.HandBack(7, 2),
                new Message.BatchDone(7, 40, 3, true, 0, 0, 0, List.of(), 3, -1, false),
                new Message.RunSummary(7, 2, 64, List.of(new Message.CopySite("A.b(A.java:1)", "materialize", 2, 64))),
                new Message.Shutdown());
        ByteBuf buffer = Unpooled.buffer();
        messages.forEach(message -> FrameCodec.write(message, buffer));
        List<Message> decoded = new ArrayList<>();
        for (Message message = FrameCodec.read(buffer); message != null; message = FrameCodec.read(buffer)) {
            decoded.add(message);
        }
        buffer.release();
        assertEquals(messages.size(), decoded.size());
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(messages.get(i).getClass(), decoded.get(i).getClass());
        }
        Message.Hello hello = (Message.Hello) decoded.getFirst();
        assertArrayEquals(new byte[] {1, 2, 3}, hello.token());
        assertEquals(12345, hello.pid());
        Message.BatchDone done = (Message.BatchDone) decoded.get(5);
        assertEquals("boom", done.outcomes().get(1).error());
        assertEquals("at x\nat y", done.outcomes().get(1).stackTrace());
        assertArrayEquals(new byte[] {1}, done.outcomes().get(0).result());
        assertEquals(1, done.unclaimed());
        assertEquals(123_456_789L, done.privateBytes());
        assertTrue(done.overMemoryLimit());
        assertEquals(300L << 20, ((Message.RunSetup) decoded.get(3)).memoryLimitBytes());
        assertEquals(new Message.TaskBatch(7, 100, 50, 2), decoded.get(4));
        assertEquals(new Message.HandBack(7, 2), decoded.get(8));
        Message.BatchDone handedBack = (Message.BatchDone) decoded.get(9);
        assertEquals(List.of(), handedBack.outcomes());
        assertEquals(3, handedBack.unclaimed());
        assertEquals(40, handedBack.firstShard());
    }

    @Test
    void aPartialFrameWaitsForTheRest() {
        ByteBuf whole = Unpooled.buffer();
        FrameCodec.write(new Message.TaskBatch(1, 2, 3, 4), whole);
        ByteBuf partial = whole.copy(0, whole.readableBytes() - 1);
        assertNull(FrameCodec.read(partial));
        assertEquals(0, partial.readerIndex(), "nothing consumed");
        whole.release();
        partial.release();
    }

    @Test
    void garbageIsRefusedWithAClearError() {
        ByteBuf garbage = Unpooled.buffer().writeInt(-5).writeByte(1);
        CorruptedFrameException error = assertThrows(CorruptedFrameException.class, () -> FrameCodec.read(garbage));
        assertTrue(error.getMessage().contains("bad frame length -5"), error.getMessage());
        ByteBuf unknown = Unpooled.buffer().writeInt(1).writeByte(99);
        assertTrue(assertThrows(CorruptedFrameException.class, () -> FrameCodec.read(unknown)).getMessage()
                .contains("unknown frame type 99"));
        garbage.release();
        unknown.release();
    }

    @Test
    void valuesKeepTheirTypes() {
        assertEquals(42L, ValueCodec.decode(ValueCodec.encode(42L)));
        assertEquals(7, ValueCodec.decode(ValueCodec.encode(7)));
        assertEquals(1.5, ValueCodec.decode(ValueCodec.encode(1.5)));
        assertEquals("héllo", ValueCodec.decode(ValueCodec.encode("héllo")));
        assertNull(ValueCodec.decode(ValueCodec.encode(null)));
        assertEquals(new java.util.HashMap<>(Map.of("a", 1)),
                ValueCodec.decode(ValueCodec.encode(new java.util.HashMap<>(Map.of("a", 1)))));
        assertEquals(9, ValueCodec.encode(42L).length, "a long result costs 9 bytes, not a serialization stream");
    }
}
