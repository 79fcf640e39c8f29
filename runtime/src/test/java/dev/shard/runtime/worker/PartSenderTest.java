package dev.shard.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.protocol.ValueCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Serializable;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A part with large results does not hold the worker's thread while the driver drains the
 * socket, and every frame still arrives whole and in the order it was posted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartSenderTest {
    private static final int LARGE = 3 * 1024 * 1024;

    @Test
    void aLargePartReturnsBeforeTheDriverReadsAndFramesArriveInPostedOrder() throws Exception {
        try (Wire wire = Wire.open()) {
            SocketChannel driverSide = wire.driverSide();
            PartSender parts = new PartSender(wire.driver());
            byte[] large = new byte[LARGE];
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) (i * 31);
            }
            // The driver side reads nothing yet: a blocking write of 3 MiB could not finish (the
            // socket buffer holds ~200 KiB), so returning at all shows the part is sent off-thread.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                parts.post(part(0, large));
                parts.post(part(1, new byte[] {7}));
                parts.post(new Message.RunSummary(1, 2, 3, List.of()));
            }, "posting a large part waited for the driver to read it");

            List<Message> received = readFrames(driverSide, 4);
            parts.flush();
            assertInstanceOf(Message.Hello.class, received.get(0));
            Message.BatchDone first = assertInstanceOf(Message.BatchDone.class, received.get(1));
            assertEquals(0, first.firstShard());
            assertArrayEquals(large, (byte[]) decode(first));
            Message.BatchDone second = assertInstanceOf(Message.BatchDone.class, received.get(2));
            assertEquals(1, second.firstShard(), "a small part posted behind a large one waits for it");
            assertArrayEquals(new byte[] {7}, (byte[]) decode(second));
            assertInstanceOf(Message.RunSummary.class, received.get(3), "the run's summary comes after its parts");
        }
    }

    @Test
    void smallPartsAreWrittenOnTheCallingThread() throws Exception {
        try (Wire wire = Wire.open()) {
            SocketChannel driverSide = wire.driverSide();
            PartSender parts = new PartSender(wire.driver());
            for (int shard = 0; shard < 100; shard++) {
                parts.post(part(shard, new byte[] {(byte) shard}));
            }
            assertFalse(parts.hasSenderThread(), "small parts are written on the calling thread");
            List<Message> received = readFrames(driverSide, 101);
            for (int shard = 0; shard < 100; shard++) {
                Message.BatchDone done = assertInstanceOf(Message.BatchDone.class, received.get(shard + 1));
                assertEquals(shard, done.firstShard());
            }
        }
    }

    /** A unix socket pair: the worker's side behind a DriverProxy that has sent its hello, and the driver's side. */
    private record Wire(Path directory, ServerSocketChannel server, SocketChannel workerSide,
            SocketChannel driverSide, DriverProxy driver) implements AutoCloseable {
        static Wire open() throws Exception {
            Path directory = Files.createTempDirectory("shard-part-sender-test");
            Path socket = directory.resolve("driver.sock");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                    .bind(UnixDomainSocketAddress.of(socket));
            SocketChannel workerSide = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel driverSide = server.accept();
            DriverProxy driver = new DriverProxy(workerSide);
            driver.hello(new Message.Hello(1, 2, 3, 4, new byte[] {5}));
            return new Wire(directory, server, workerSide, driverSide, driver);
        }

        @Override
        public void close() throws Exception {
            driverSide.close();
            workerSide.close();
            server.close();
            Files.deleteIfExists(directory.resolve("driver.sock"));
            Files.delete(directory);
        }
    }

    private static Message.BatchDone part(int shard, byte[] value) {
        PackedOutcomes.Builder packed = new PackedOutcomes.Builder(shard, 1);
        packed.append(value);
        packed.commit(1_000);
        return new Message.BatchDone(7, shard, 1, true, 0, 0, 0, packed.build(), 0, 0, false);
    }

    private static Serializable decode(Message.BatchDone done) {
        PackedOutcomes packed = (PackedOutcomes) done.outcomes();
        return ValueCodec.decode(packed.bytes(), packed.offset(0), packed.length(0));
    }

    private static List<Message> readFrames(SocketChannel channel, int count) throws Exception {
        ByteBuf in = Unpooled.buffer();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        List<Message> frames = new ArrayList<>();
        while (frames.size() < count) {
            chunk.clear();
            if (channel.read(chunk) < 0) {
                throw new IllegalStateException("the worker side closed after " + frames.size() + " frames");
            }
            chunk.flip();
            in.writeBytes(chunk);
            for (Message message = FrameCodec.read(in); message != null; message = FrameCodec.read(in)) {
                frames.add(message);
            }
        }
        return frames;
    }
}
