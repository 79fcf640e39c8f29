package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.Message;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A send to a peer that stopped reading blocks once the socket buffer is full; the driver's
 * watch sees it as stalled, and closing the connection releases the blocked sender (so the
 * conductor's lock, which it holds while sending, is not held for ever).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StalledSendTest {

    @Test
    void aSendBlockedOnAPeerThatStoppedReadingIsSeenAndReleasedByClosing() throws Exception {
        Path directory = Files.createTempDirectory("shard-stalled-send-test");
        Path socket = directory.resolve("driver.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(socket));
                SocketChannel stoppedPeer = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // No conductor: the peer sends nothing, so nothing reaches one.
            SocketWorkerConnection connection = SocketWorkerConnection.serve(server.accept(), new byte[0], null, 0,
                    ended -> { });
            Thread sender = Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < 1_000; i++) {
                    connection.send(new Message.RunSetup(i, 0, 0, new byte[1 << 20]));
                }
            });
            long start = System.nanoTime();
            while (!connection.sendingSince(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(200))) {
                assertTrue(sender.isAlive(), "the sender finished: the peer's socket took every frame");
                Thread.sleep(20);
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));

            connection.close();
            sender.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(sender.isAlive(), "closing the connection released the blocked sender");
            assertFalse(connection.sendingSince(System.nanoTime()), "no send under way after the close");
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(directory);
        }
    }
}
