package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ProtocolVersion;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.runtime.worker.WorkerMain;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver accepts only its own children: magic, version, token and the process holding
 * the peer's socket are checked.
 */
@Tag("process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandshakeProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void strangersAreRefusedWithTheReason() throws Exception {
        try (Pool pool = Pool.builder().workers(1).start()) {
            long workerPid = pool.status().workers().getFirst().pid();
            String socket = argument(workerPid, "-D" + WorkerMain.SOCKET_PROPERTY + "=");
            Path directory = Path.of(socket).getParent();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
            // Same user can read a child's environment; other users cannot reach the 0700 directory at all.
            byte[] token = HexFormat.of().parseHex(environment(workerPid, WorkerMain.TOKEN_ENV));
            long self = ProcessHandle.current().pid();

            Path names = Files.createTempDirectory("shard-handshake-test");
            try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                Path name = names.resolve("stranger.sock");
                assertEquals("not a shard worker (bad magic)",
                        refusal(socket, name, new Message.Hello(0x12345678, ProtocolVersion.VERSION, 0, self, token)));
                assertTrue(refusal(socket, name, new Message.Hello(ProtocolVersion.MAGIC, 99, 0, self, token))
                        .startsWith("protocol version 99 but the driver speaks " + ProtocolVersion.VERSION));
                assertEquals("wrong run token", refusal(socket, name,
                        new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 0, self, new byte[32])));
                // A stranger claiming the worker's pid: the socket it bound is not among that process's descriptors.
                assertEquals("pid " + workerPid + " does not hold the peer's socket " + name, refusal(socket, name,
                        new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 0, workerPid, token)));
                assertTrue(refusal(socket, null, new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 0,
                        workerPid, token)).startsWith("the peer's socket has no name"));
                assertEquals("worker 0 (pid " + self + ") is not expected by this pool", refusal(socket, name,
                        new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, 0, self, token)));
                assertEquals("expected a hello frame first, got Welcome",
                        refusal(socket, name, new Message.Welcome(ProtocolVersion.VERSION)));

                // The real worker is untouched by all this, and by a stranger that connected and said nothing.
                assertEquals(3, pool.poolLapply(List.of(1, 2), i -> i).results().stream().mapToInt(i -> i).sum());
            } finally {
                Files.deleteIfExists(names.resolve("stranger.sock"));
                Files.delete(names);
            }
        }
    }

    /** What the driver answers {@code first}, sent from a socket bound to {@code name} (none if null). */
    private static String refusal(String socket, Path name, Message first) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            if (name != null) {
                Files.deleteIfExists(name);
                channel.bind(UnixDomainSocketAddress.of(name));
            }
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuf frame = Unpooled.buffer();
            FrameCodec.write(first, frame);
            channel.write(frame.nioBuffer());
            frame.clear();
            Message answer = null;
            while (answer == null) {
                frame.ensureWritable(4096);
                if (frame.writeBytes(channel, 4096) < 0) {
                    return "closed without a reason";
                }
                answer = FrameCodec.read(frame);
            }
            return answer instanceof Message.Reject reject ? reject.reason() : "accepted: " + answer;
        }
    }

    private static String argument(long pid, String prefix) throws Exception {
        for (String argument : Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0")) {
            if (argument.startsWith(prefix)) {
                return argument.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " on the command line of " + pid);
    }

    private static String environment(long pid, String name) throws Exception {
        for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            if (entry.startsWith(name + "=")) {
                return entry.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in the environment of " + pid);
    }
}
