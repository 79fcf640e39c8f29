package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pid check without SO_PEERCRED: the claimed process must hold the socket bound to the peer's name. */
class PeerProcessTest {
    private Path directory;

    @BeforeEach
    void createDirectory() throws Exception {
        directory = Files.createTempDirectory("shard-peer-test");
    }

    @AfterEach
    void removeDirectory() throws Exception {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Test
    void theProcessHoldingTheNamedSocketPassesAndAnotherDoesNot() throws Exception {
        Path listening = directory.resolve("driver.sock");
        Path name = directory.resolve("worker-0.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(listening));
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.bind(UnixDomainSocketAddress.of(name));
            client.connect(UnixDomainSocketAddress.of(listening));
            try (SocketChannel accepted = server.accept()) {
                String peerName = ((UnixDomainSocketAddress) accepted.getRemoteAddress()).getPath().toString();
                assertEquals(name.toString(), peerName, "the accepted channel names the peer's bound socket");
                assertNull(PeerProcess.check(peerName, ProcessHandle.current().pid()));
                long parent = ProcessHandle.current().parent().orElseThrow().pid();
                assertEquals("pid " + parent + " does not hold the peer's socket " + name,
                        PeerProcess.check(peerName, parent));
            }
        }
    }

    @Test
    void anUnnamedPeerOrANameNoSocketHasIsRefused() {
        assertTrue(PeerProcess.check(null, ProcessHandle.current().pid()).startsWith("the peer's socket has no name"));
        assertTrue(PeerProcess.check("", ProcessHandle.current().pid()).startsWith("the peer's socket has no name"));
        assertEquals("0 sockets are bound to the peer's name " + directory.resolve("nobody.sock")
                + " (expected exactly one)", PeerProcess.check(directory.resolve("nobody.sock").toString(),
                ProcessHandle.current().pid()));
    }
}
