package dev.shard.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's first socket, opened in the background: usable for a connect, and a new one after a failed attempt. */
class EarlySocketTest {
    @TempDir
    Path directory;

    @Test
    void theFirstTakeIsTheSocketOpenedInTheBackgroundAndConnects() throws Exception {
        Path name = directory.resolve("driver.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(name));
            EarlySocket early = EarlySocket.start();
            try (SocketChannel channel = early.take()) {
                assertTrue(channel.isOpen() && !channel.isConnected(), "an open socket, not yet connected");
                assertTrue(channel.connect(UnixDomainSocketAddress.of(name)));
                channel.write(ByteBuffer.wrap(new byte[] {42}));
                try (SocketChannel accepted = listener.accept()) {
                    ByteBuffer read = ByteBuffer.allocate(1);
                    accepted.read(read);
                    assertTrue(read.get(0) == 42, "the byte written arrives");
                }
            }
        } finally {
            Files.deleteIfExists(name);
        }
    }

    @Test
    void aLaterTakeOpensANewSocket() throws Exception {
        EarlySocket early = EarlySocket.start();
        SocketChannel first = early.take();
        first.close();
        try (SocketChannel second = early.take()) {
            assertNotSame(first, second);
            assertTrue(second.isOpen(), "a retry gets a socket of its own, not the closed first one");
        }
    }
}
